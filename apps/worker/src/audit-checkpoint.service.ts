import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../libs/config/src';
import { takeAuditCheckpoint, type CheckpointOutcome } from '../../../libs/persistence/src';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** '30s', '1m', '1h' (validated by AppConfig) in milliseconds. */
export function intervalMs(value: string): number {
  const match = /^(\d+)([smh])$/.exec(value);
  if (!match) throw new Error(`not an interval: ${value}`);
  return Math.max(1000, Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

/**
 * Anchors the audit chain (libs/persistence/src/audit/audit-checkpoint.ts): every AUDIT_CHECKPOINT_INTERVAL, and once
 * at start and at shutdown, signs the chain's head and appends it to the checkpoint file and to this log. Worker
 * replicas share the file; an advisory lock makes them take turns. Run `scripts/audit-checkpoint.ts` for one on demand.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoint');
  private timer?: NodeJS.Timeout;
  private running?: Promise<CheckpointOutcome | null>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.AUDIT_CHECKPOINT_KEY) {
      this.logger.warn('AUDIT_CHECKPOINT_KEY is not set: the audit chain is not anchored outside the database');
      return;
    }
    void this.checkpoint();
    this.timer = setInterval(() => void this.checkpoint(), intervalMs(this.config.AUDIT_CHECKPOINT_INTERVAL));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    await this.running;
    await this.checkpoint();
  }

  /** One checkpoint now (one at a time in this process); null when it failed (logged). */
  checkpoint(): Promise<CheckpointOutcome | null> {
    this.running ??= this.take().finally(() => (this.running = undefined));
    return this.running;
  }

  private async take(): Promise<CheckpointOutcome | null> {
    const key = this.config.AUDIT_CHECKPOINT_KEY!;
    try {
      const outcome = await takeAuditCheckpoint(this.db, key, this.config.AUDIT_CHECKPOINT_DIR, new Date());
      // The log is the second copy outside the database: one line per checkpoint, the same JSON as the file's.
      if (outcome.written) this.logger.log(`audit checkpoint ${JSON.stringify(outcome.checkpoint)}`);
      else if (outcome.reason === 'mismatch')
        this.logger.error(`audit chain does not match its latest checkpoint, none written: ${outcome.problem}`);
      return outcome;
    } catch (err) {
      this.logger.error(`audit checkpoint failed: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  }
}
