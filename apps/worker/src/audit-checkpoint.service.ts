import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { takeAuditCheckpoint, type CheckpointOutcome } from '@accord/persistence';
import { auditCheckpointDir } from '@accord/persistence';
import { errorText, inEachProvince } from './in-each-province';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** '30s', '1m', '1h' (validated by AppConfig) in milliseconds. */
export function intervalMs(value: string): number {
  const match = /^(\d+)([smh])$/.exec(value);
  if (!match) throw new Error(`not an interval: ${value}`);
  return Math.max(1000, Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

/**
 * Anchors the audit chains (libs/persistence/src/audit/audit-checkpoint.ts), one per province: every
 * AUDIT_CHECKPOINT_INTERVAL, and once at start and at shutdown, signs each chain's head and appends it to the
 * province's checkpoint file (auditCheckpointDir) and to this log. Worker replicas share the files; an advisory lock
 * makes them take turns. Run `scripts/audit-checkpoint.ts` for one on demand.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoint');
  private timer?: NodeJS.Timeout;
  private running?: Promise<(CheckpointOutcome | null)[]>;

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

  /**
   * One checkpoint per province now (one round at a time in this process): each province's chain into its own file
   * (auditCheckpointDir). Null when a province's failed (logged).
   */
  checkpoint(): Promise<(CheckpointOutcome | null)[]> {
    this.running ??= this.takeAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async takeAll(): Promise<(CheckpointOutcome | null)[]> {
    try {
      const outcomes = await inEachProvince(
        this.db,
        (province) => this.take(province),
        (province, err) => this.logger.error(`audit checkpoint of ${province} failed: ${errorText(err)}`),
      );
      return [...outcomes.values()];
    } catch (err) {
      this.logger.error(`audit checkpoint failed: ${errorText(err)}`);
      return [];
    }
  }

  private async take(province: string): Promise<CheckpointOutcome | null> {
    const key = this.config.AUDIT_CHECKPOINT_KEY!;
    try {
      const dir = auditCheckpointDir(this.config.AUDIT_CHECKPOINT_DIR, province);
      const outcome = await takeAuditCheckpoint(this.db, key, dir, new Date());
      // The log is the second copy outside the database: one line per checkpoint, the same JSON as the file's.
      if (outcome.written) this.logger.log(`audit checkpoint ${province} ${JSON.stringify(outcome.checkpoint)}`);
      else if (outcome.reason === 'mismatch')
        this.logger.error(`audit chain of ${province} does not match its latest checkpoint, none written: ${outcome.problem}`);
      return outcome;
    } catch (err) {
      this.logger.error(`audit checkpoint of ${province} failed: ${errorText(err)}`);
      return null;
    }
  }
}
