import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { countOpenIncidents, outboxBacklog } from '@accord/persistence';
import { inEachProvince } from './in-each-province';
import { workerMetrics } from './metrics';

/**
 * What an operator alerts on (docs/reliability.md), read from the database at each scrape of the worker's /metrics:
 * incidents waiting for an administrator, and commands the api accepted but nobody has sent yet. One series per
 * province (label `province`: row-level security lets each read see one province); NaN for a province whose read
 * failed, no series at all when the province list could not be read.
 */
@Injectable()
export class OperationalGauges {
  constructor(db: DataSource) {
    const perProvince = async (gauge: Gauge<'province'>, read: () => Promise<number>): Promise<void> => {
      gauge.reset();
      await inEachProvince(
        db,
        async (province) => gauge.set({ province }, await read()),
        (province) => gauge.set({ province }, NaN),
      ).catch(() => undefined);
    };
    new Gauge({
      name: 'accord_incidents_open',
      help: 'Workflow steps waiting for an administrator (GET /api/v1/admin/incidents), per province',
      labelNames: ['province'],
      registers: [workerMetrics],
      async collect() {
        await perProvince(this, () => countOpenIncidents(db));
      },
    });
    new Gauge({
      name: 'accord_outbox_pending_commands',
      help: 'Commands to Temporal accepted but not yet sent, per province',
      labelNames: ['province'],
      registers: [workerMetrics],
      async collect() {
        await perProvince(this, async () => (await outboxBacklog(db)).pending);
      },
    });
    new Gauge({
      name: 'accord_outbox_oldest_pending_seconds',
      help: 'Age of the oldest unsent command, per province (alert when it keeps growing)',
      labelNames: ['province'],
      registers: [workerMetrics],
      async collect() {
        await perProvince(this, async () => (await outboxBacklog(db)).oldestSeconds);
      },
    });
  }
}
