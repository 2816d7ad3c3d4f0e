import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { claimDueCommands, markCommandFailed, markCommandSent } from '@accord/persistence';
import { dispatchCommand, provinceOfWorkflowId } from '@accord/temporal';
import { errorText, inEachProvince } from './in-each-province';

/** How long one send may take (a start, or an Update until the workflow has applied it). */
const SEND_TIMEOUT_MS = 20_000;

/** Commands one relay sends per round; a backlog after an outage drains this many at a time, in order of due time. */
const BATCH = 50;

/**
 * Sends the commands the api stored but could not send (it died after its commit, or Temporal was unreachable):
 * docs/reliability.md. Every worker runs one; SKIP LOCKED leases keep two relays from sending the same command at
 * once, and a command sent twice is harmless anyway (dispatchCommand is idempotent).
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private connection?: Connection;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = Connection.lazy({ address: this.config.TEMPORAL_ADDRESS });
    const client = new Client({ connection: this.connection, namespace: this.config.TEMPORAL_NAMESPACE });
    const tick = () => {
      if (this.stopped) return;
      this.round = this.relay(client)
        .catch((err: unknown) => this.logger.warn(`outbox relay round failed: ${errorText(err)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.config.OUTBOX_RELAY_INTERVAL_MS);
        });
    };
    tick();
  }

  /**
   * One round: each province in turn (the outbox is a province's table, row-level security shows one at a time), lease
   * its due commands and send each; a failure backs off that command alone, a province whose round fails waits for the
   * next round without holding up the others.
   */
  async relay(client: Client): Promise<void> {
    await inEachProvince(
      this.db,
      (province) => this.relayProvince(client, province),
      (province, err) => this.logger.warn(`outbox relay round for ${province} failed: ${errorText(err)}`),
    );
  }

  private async relayProvince(client: Client, province: string): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const due = await claimDueCommands(this.db, BATCH);
      if (!due.length) return;
      await Promise.all(
        due.map(async (row) => {
          try {
            // A command starts or updates a workflow of the province that stored it, never another's: that workflow's
            // activities would act for the other province (its id says which).
            if (provinceOfWorkflowId(row.command.workflowId) !== province)
              throw new Error(`workflow ${row.command.workflowId} is not in province ${province}: not sent`);
            // Bounded, so one call that never returns cannot hold the round (and every command behind it).
            const outcome = await client.connection.withDeadline(Date.now() + SEND_TIMEOUT_MS, () =>
              dispatchCommand(client, row.id, row.command),
            );
            await markCommandSent(this.db, row.id);
            this.logger.log(`sent ${row.command.kind} ${row.command.workflowId} (${province}, ${outcome}, attempt ${row.attempts})`);
          } catch (err) {
            await markCommandFailed(this.db, row.id, row.attempts, errorText(err));
          }
        }),
      );
      if (due.length < BATCH) return;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    await this.connection?.close();
  }
}
