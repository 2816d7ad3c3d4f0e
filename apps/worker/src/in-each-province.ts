import type { DataSource } from 'typeorm';
import { listProvinceCodes, runInProvince } from '@accord/persistence';

/**
 * Runs a system job (one that no workflow scheduled: the outbox relay, the mailer, the schedules, the gauges) once per
 * province, in turn, acting for it: row-level security shows each run its province's rows only. The province table
 * itself is readable with none in scope. A province whose run fails does not keep the others from theirs: its error
 * goes to `onError` and the next province runs.
 */
export async function inEachProvince<T>(
  db: DataSource,
  job: (province: string) => Promise<T>,
  onError: (province: string, error: unknown) => void,
): Promise<Map<string, T>> {
  const results = new Map<string, T>();
  for (const province of await listProvinceCodes(db)) {
    try {
      results.set(province, await runInProvince(province, () => job(province)));
    } catch (error) {
      onError(province, error);
    }
  }
  return results;
}

export const errorText = (err: unknown): string => String((err as Error)?.message ?? err);
