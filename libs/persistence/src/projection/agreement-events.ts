import type { DataSource } from 'typeorm';
import type { AgreementEvent, AgreementSnapshot } from '@accord/temporal/contracts';
import { appendAudit } from '../audit/audit-chain';
import { insertNotifications } from './apply-transition';

/** The registry row the agreement workflow watches. */
export async function loadAgreement(dataSource: DataSource, agreementId: string): Promise<AgreementSnapshot | null> {
  const [row]: {
    status: AgreementSnapshot['status'];
    signed_on: string;
    expires_on: string | null;
    lead_agency_code: string;
    proposal_id: string;
  }[] = await dataSource.query(
    `SELECT status, to_char(signed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS signed_on, to_char(expires_on, 'YYYY-MM-DD') AS expires_on,
       lead_agency_code, proposal_id FROM agreement WHERE id = $1`,
    [agreementId],
  );
  return row
    ? {
        status: row.status,
        signedOn: row.signed_on,
        expiresOn: row.expires_on,
        leadAgency: row.lead_agency_code,
        proposalId: row.proposal_id,
      }
    : null;
}

/** An expiry reminder (audit + notice to the lead agency) or the expiry itself; applied once per event key. */
export async function applyAgreementEvent(dataSource: DataSource, e: AgreementEvent): Promise<void> {
  await dataSource.transaction(async (m) => {
    const fresh: unknown[] = await m.query('INSERT INTO applied_transition (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key', [
      e.key,
    ]);
    if (!fresh.length) return;
    const [row]: { proposal_id: string; lead_agency_code: string; number: string | null; title: string }[] = await m.query(
      'SELECT proposal_id, lead_agency_code, number, title FROM agreement WHERE id = $1',
      [e.agreementId],
    );
    if (!row) return;
    const params = { expiresOn: e.expiresOn, title: row.title, ...(e.daysBefore !== undefined ? { daysBefore: e.daysBefore } : {}) };
    if (e.kind === 'EXPIRED') {
      await m.query(`UPDATE agreement SET status = 'EXPIRED' WHERE id = $1 AND status = 'IN_FORCE'`, [e.agreementId]);
      await m.query(`UPDATE proposal SET status = 'EXPIRED', updated_at = $2 WHERE id = $1 AND status = 'IN_FORCE'`, [
        row.proposal_id,
        e.at,
      ]);
    }
    const kind = e.kind === 'EXPIRED' ? 'AGREEMENT_EXPIRED' : 'AGREEMENT_EXPIRING';
    await insertNotifications(m, { proposalId: row.proposal_id, at: e.at }, [
      { kind, agencyCode: row.lead_agency_code, audience: 'AGENCY', params },
    ]);
    await appendAudit(m, [
      {
        at: e.at,
        actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
        action: e.kind === 'EXPIRED' ? 'AGREEMENT_EXPIRED' : 'AGREEMENT_EXPIRY_REMINDER',
        proposalId: row.proposal_id,
        stage: null,
        payload: { agreementId: e.agreementId, number: row.number, ...params },
      },
    ]);
  });
}
