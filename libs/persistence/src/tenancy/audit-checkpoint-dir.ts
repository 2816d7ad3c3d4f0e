import { join } from 'node:path';

/**
 * Where a province's audit checkpoints are kept (AUDIT_CHECKPOINT_DIR, see audit/audit-checkpoint.ts): row-level
 * security makes the audit chain one chain per province, so each province signs its own head into its own file. Hà
 * Tĩnh's chain is the one from before provinces, anchored in the directory itself: it stays there, so the checkpoints
 * written before provinces keep anchoring it. Every other province gets a subdirectory named by its code. The worker
 * writes (AuditCheckpointService) and GET /audit/verify reads through this one function.
 */
export function auditCheckpointDir(dir: string, province: string): string {
  return province === LEGACY_CHECKPOINT_PROVINCE ? dir : join(dir, province);
}

const LEGACY_CHECKPOINT_PROVINCE = 'HT';
