/** The api's view of the sync to the national database of international commitments (the sync itself: commitments-sync.ts). */
import type { DataSource, EntityManager } from 'typeorm';

/** An agreement with the latest version recorded for the national database, if any, and the newest version delivered. */
export interface CommitmentSyncStatusRow {
  id: string;
  number: string | null;
  title: string;
  status: string;
  version: number | null;
  sync_status: string | null;
  attempts: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  delivered_version: number | null;
}

/** Every agreement, oldest signing first, with the state of its latest version's delivery. */
export function commitmentSyncStatus(db: DataSource | EntityManager): Promise<CommitmentSyncStatusRow[]> {
  return db.query(
    `SELECT g.id, g.number, g.title, g.status, s.version, s.status AS sync_status, s.attempts, s.last_error, s.last_attempt_at, s.delivered_at,
            (SELECT max(d.version) FROM commitment_sync d WHERE d.agreement_id = g.id AND d.status = 'DELIVERED') AS delivered_version
     FROM agreement g
     LEFT JOIN LATERAL (SELECT * FROM commitment_sync c WHERE c.agreement_id = g.id ORDER BY c.version DESC LIMIT 1) s ON TRUE
     ORDER BY g.signed_at, g.id`,
  );
}
