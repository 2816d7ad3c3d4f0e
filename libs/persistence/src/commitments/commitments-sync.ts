/**
 * The national database of international commitments (Res. 250/2025/QH15 Art 6) gets every version of every
 * registered agreement once. A version is recorded when an agreement's record (what the national database is
 * sent) differs from its previous version; delivery POSTs it as JSON with an Idempotency-Key naming the
 * agreement and version, and marks it DELIVERED under a row lock, so a version is sent successfully at most once
 * even if two deliveries race. Failures (network, 5xx, 408, 429) count an attempt and are retried by the
 * workflow with backoff; any other 4xx marks the version REJECTED for an administrator to look at.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isoDateInVietnam, provinceAgency } from '@accord/domain';
import { requireProvince } from '../tenancy/tenancy';
import type { CommitmentDelivery, CommitmentVersion } from '@accord/temporal/contracts';
import { canonicalJson } from '../audit/canonical-json';
import { ADVISORY_LOCKS } from '../advisory-locks';

/** The province's People's Committee: the Vietnamese party of agreements signed at PROVINCIAL_COMMITTEE level. */

export interface CommitmentRecord {
  id: string;
  number: string | null;
  title: string;
  vietnameseParty: { code: string; name: string };
  counterpart: { name: string | null; country: string; type: string | null };
  fields: string[];
  signedOn: string;
  signedAt: string;
  place: string;
  signatories: { name: string; title: string; party: string }[];
  termMonths: number | null;
  expiresOn: string | null;
  terminatedOn: string | null;
  status: string;
  changes: unknown[];
  leadAgency: { code: string; name: string };
  proposalReference: string;
}

interface RecordRow {
  id: string;
  number: string | null;
  title: string;
  counterpart: { name?: string; type?: string } | null;
  country: string;
  fields: string[];
  signed_at: Date;
  place: string;
  signatories: { name: string; title: string; party: string }[];
  term_months: number | null;
  expires_on: string | null;
  terminated_on: string | null;
  status: string;
  changes: unknown[];
  lead_agency_code: string;
  lead_agency_name: string;
  level: string | null;
  reference: string;
  committee_code: string | null;
  committee_name: string | null;
}

/** Every registered agreement as the national database receives it (the registry export's fields plus changes). */
export async function commitmentRecords(dataSource: DataSource): Promise<CommitmentRecord[]> {
  const rows: RecordRow[] = await dataSource.query(
    `SELECT g.id, g.number, g.title, g.counterpart, g.country, g.fields, g.signed_at, g.place, g.signatories, g.term_months,
            to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, to_char(g.terminated_on, 'YYYY-MM-DD') AS terminated_on, g.status, g.changes,
            g.lead_agency_code, a.name AS lead_agency_name, p.details->>'level' AS level, p.reference, c.code AS committee_code, c.name AS committee_name
     FROM agreement g JOIN proposal p ON p.id = g.proposal_id JOIN agency a ON a.code = g.lead_agency_code LEFT JOIN agency c ON c.code = $1
     ORDER BY g.signed_at, g.id`,
    [provinceAgency(requireProvince(), 'UBND')],
  );
  return rows.map((r) => {
    const byCommittee = r.level === 'PROVINCIAL_COMMITTEE' && r.committee_code !== null;
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      vietnameseParty: byCommittee
        ? { code: r.committee_code!, name: r.committee_name! }
        : { code: r.lead_agency_code, name: r.lead_agency_name },
      counterpart: { name: r.counterpart?.name ?? null, country: r.country, type: r.counterpart?.type ?? null },
      fields: r.fields,
      signedOn: isoDateInVietnam(r.signed_at),
      signedAt: r.signed_at.toISOString(),
      place: r.place,
      signatories: r.signatories ?? [],
      termMonths: r.term_months,
      expiresOn: r.expires_on,
      terminatedOn: r.terminated_on,
      status: r.status,
      changes: r.changes ?? [],
      leadAgency: { code: r.lead_agency_code, name: r.lead_agency_name },
      proposalReference: r.reference,
    };
  });
}

const hashOf = (record: CommitmentRecord) => createHash('sha256').update(canonicalJson(record)).digest('hex');

/** Records a new version for each agreement whose record changed; returns every version still PENDING, oldest first. */
export async function collectCommitmentVersions(dataSource: DataSource): Promise<CommitmentVersion[]> {
  const records = await commitmentRecords(dataSource);
  return dataSource.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.COMMITMENTS_SYNC]);
    const latest: { agreement_id: string; version: number; payload_hash: string }[] = await m.query(
      'SELECT DISTINCT ON (agreement_id) agreement_id, version, payload_hash FROM commitment_sync ORDER BY agreement_id, version DESC',
    );
    const byAgreement = new Map(latest.map((l) => [l.agreement_id, l]));
    const now = new Date().toISOString();
    for (const record of records) {
      const hash = hashOf(record);
      const last = byAgreement.get(record.id);
      if (last?.payload_hash === hash) continue;
      await m.query(
        `INSERT INTO commitment_sync (agreement_id, version, payload, payload_hash, status, created_at) VALUES ($1,$2,$3,$4,'PENDING',$5)`,
        [record.id, (last?.version ?? 0) + 1, JSON.stringify(record), hash, now],
      );
    }
    const pending: { agreement_id: string; version: number }[] = await m.query(
      `SELECT agreement_id, version FROM commitment_sync WHERE status = 'PENDING' ORDER BY created_at, agreement_id, version`,
    );
    return pending.map((p) => ({ agreementId: p.agreement_id, version: p.version }));
  });
}

/** Thrown for a failure worth retrying (the workflow's retry policy backs off). */
export class CommitmentDeliveryError extends Error {}

/** Sends one version; a version already delivered is not sent again. */
export async function deliverCommitmentVersion(
  dataSource: DataSource,
  url: string,
  v: CommitmentVersion,
  timeoutMs = 10_000,
): Promise<CommitmentDelivery> {
  let failure: string | null = null;
  const outcome = await dataSource.transaction(async (m): Promise<CommitmentDelivery['outcome'] | null> => {
    const [row]: { status: string; payload: CommitmentRecord }[] = await m.query(
      'SELECT status, payload FROM commitment_sync WHERE agreement_id = $1 AND version = $2 FOR UPDATE',
      [v.agreementId, v.version],
    );
    if (!row) throw new Error(`No commitment version ${v.agreementId}/${v.version}`);
    if (row.status === 'DELIVERED') return 'ALREADY_DELIVERED';
    let status = 0;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${v.agreementId}:${v.version}` },
        body: JSON.stringify({ agreementId: v.agreementId, version: v.version, record: row.payload }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) failure = `HTTP ${res.status}`;
    } catch (err) {
      failure =
        err instanceof Error
          ? `${err.name}: ${err.message}${(err as { cause?: { code?: string } }).cause?.code ? ` (${(err as { cause: { code: string } }).cause.code})` : ''}`
          : String(err);
    }
    if (!failure) {
      await m.query(
        `UPDATE commitment_sync SET status = 'DELIVERED', delivered_at = now(), last_attempt_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE agreement_id = $1 AND version = $2`,
        [v.agreementId, v.version],
      );
      return 'DELIVERED';
    }
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
    await m.query(
      `UPDATE commitment_sync SET attempts = attempts + 1, last_error = $3, last_attempt_at = now(), status = CASE WHEN $4 THEN 'REJECTED' ELSE status END
       WHERE agreement_id = $1 AND version = $2`,
      [v.agreementId, v.version, failure.slice(0, 500), permanent],
    );
    return permanent ? 'REJECTED' : null;
  });
  if (outcome) return { ...v, outcome };
  throw new CommitmentDeliveryError(`Delivering ${v.agreementId} version ${v.version} failed: ${failure}`);
}
