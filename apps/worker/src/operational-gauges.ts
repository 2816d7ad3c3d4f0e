import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { countOpenIncidents, outboxBacklog } from '../../../libs/persistence/src';
import { workerMetrics } from './metrics';

/**
 * What an operator alerts on (docs/reliability.md), read from the database at each scrape of the worker's /metrics:
 * incidents waiting for an administrator, and commands the api accepted but nobody has sent yet.
 */
@Injectable()
export class OperationalGauges {
  constructor(db: DataSource) {
    new Gauge({
      name: 'accord_incidents_open',
      help: 'Workflow steps waiting for an administrator (GET /api/v1/admin/incidents)',
      registers: [workerMetrics],
      async collect() {
        this.set(await countOpenIncidents(db).catch(() => NaN));
      },
    });
    new Gauge({
      name: 'accord_outbox_pending_commands',
      help: 'Commands to Temporal accepted but not yet sent',
      registers: [workerMetrics],
      async collect() {
        this.set((await outboxBacklog(db).catch(() => ({ pending: NaN }))).pending);
      },
    });
    new Gauge({
      name: 'accord_outbox_oldest_pending_seconds',
      help: 'Age of the oldest unsent command (alert when it keeps growing)',
      registers: [workerMetrics],
      async collect() {
        this.set((await outboxBacklog(db).catch(() => ({ oldestSeconds: NaN }))).oldestSeconds);
      },
    });
  }
}
