import type { DataSource, EntityManager } from 'typeorm';
import type { Plan, ProposalKind } from '@accord/domain';
import { SqlConditions } from '../sql/sql-conditions';
import type { SqlFragmentAt, WordsMatcher } from '../sql/sql-fragment';

type Db = DataSource | EntityManager;

/** A proposal with its submitting agency's name and its submitter's name. */
export interface ProposalRow {
  id: string;
  reference: string;
  kind: ProposalKind;
  title: string;
  summary: string;
  details: Record<string, unknown>;
  procedure: string;
  urgency: string;
  status: string;
  stage: string | null;
  shortened_reason: string | null;
  submitting_agency_code: string;
  submitting_agency_name: string;
  submitted_by: string;
  submitted_by_name: string;
  plan: Plan;
  policy_version: string;
  workflow_id: string;
  created_at: Date;
  updated_at: Date;
}

const PROPOSAL_SELECT = `SELECT p.*, a.name AS submitting_agency_name, u.full_name AS submitted_by_name
  FROM proposal p JOIN agency a ON a.code = p.submitting_agency_code JOIN app_user u ON u.id = p.submitted_by`;

/** What a new proposal row holds (status SUBMITTED, no stage yet). */
export interface NewProposal {
  id: string;
  reference: string;
  kind: ProposalKind;
  title: string;
  summary: string;
  details: Record<string, unknown>;
  procedure: string;
  urgency: string;
  submittingAgencyCode: string;
  submittedBy: string;
  plan: Plan;
  policyVersion: string;
  workflowId: string;
  createdAt: string;
  shortenedReason: string | null;
}

/** The next number of the reference sequence, as text (the reference is built from it: TTQT-2026-00042). */
export async function nextProposalNumber(m: EntityManager): Promise<string> {
  const [{ n }]: { n: string }[] = await m.query(`SELECT nextval('proposal_reference_seq') AS n`);
  return n;
}

export async function insertProposal(m: EntityManager, p: NewProposal): Promise<void> {
  await m.query(
    `INSERT INTO proposal (id, reference, kind, title, summary, details, procedure, urgency, status, stage, submitting_agency_code,
       submitted_by, plan, policy_version, workflow_id, created_at, updated_at, shortened_reason)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'SUBMITTED',NULL,$9,$10,$11,$12,$13,$14,$14,$15)`,
    [
      p.id,
      p.reference,
      p.kind,
      p.title,
      p.summary,
      JSON.stringify(p.details),
      p.procedure,
      p.urgency,
      p.submittingAgencyCode,
      p.submittedBy,
      JSON.stringify(p.plan),
      p.policyVersion,
      p.workflowId,
      p.createdAt,
      p.shortenedReason,
    ],
  );
}

export interface NewDossierVersion {
  id: string;
  proposalId: string;
  version: number;
  content: unknown;
  attachments: unknown;
  hash: string;
  createdBy: string;
  createdAt: string;
}

export async function insertDossierVersion(m: EntityManager, d: NewDossierVersion): Promise<void> {
  await m.query(
    `INSERT INTO dossier_version (id, proposal_id, version, content, attachments, hash, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [d.id, d.proposalId, d.version, JSON.stringify(d.content), JSON.stringify(d.attachments), d.hash, d.createdBy, d.createdAt],
  );
}

/** The proposal, if `visible` (the caller's visibility, placeholders from $2) lets the caller see it; every proposal without. */
export async function findProposal(db: Db, id: string, visible?: SqlFragmentAt): Promise<ProposalRow | null> {
  const v = visible ? visible(2) : { sql: 'TRUE', params: [] };
  const [row]: ProposalRow[] = await db.query(`${PROPOSAL_SELECT} WHERE p.id = $1 AND ${v.sql}`, [id, ...v.params]);
  return row ?? null;
}

/** Just enough to withdraw or cancel: the reference and the submitting agency, if the caller may see the proposal. */
export async function findProposalHeader(
  db: Db,
  id: string,
  visible: SqlFragmentAt,
): Promise<{ id: string; reference: string; submitting_agency_code: string } | null> {
  const v = visible(2);
  const [row]: { id: string; reference: string; submitting_agency_code: string }[] = await db.query(
    `SELECT p.id, p.reference, p.submitting_agency_code FROM proposal p WHERE p.id = $1 AND ${v.sql}`,
    [id, ...v.params],
  );
  return row ?? null;
}

/** What completing a task needs from its proposal: four-eyes, the plan to amend, the kind to validate a resubmission. */
export interface ProposalRoutingRow {
  submitting_agency_code: string;
  kind: ProposalKind;
  procedure: string;
  details: Record<string, unknown>;
  plan: Plan;
  policy_version: string;
}

export async function findProposalRouting(db: Db, id: string): Promise<ProposalRoutingRow | null> {
  const [row]: ProposalRoutingRow[] = await db.query(
    'SELECT submitting_agency_code, kind, procedure, details, plan, policy_version FROM proposal WHERE id = $1',
    [id],
  );
  return row ?? null;
}

export interface ProposalListFilter {
  /** Which proposals the caller may see (apps/api/src/common/access-policy.ts). */
  visible: SqlFragmentAt;
  status?: string;
  kind?: string;
  agency?: string;
  words?: WordsMatcher;
  /** Keyset: the (created_at, id) of the last row of the previous page. */
  after: string[] | null;
  limit: number;
}

/** Newest first, `limit + 1` rows (the extra one tells whether there is a next page). */
export async function listProposals(db: Db, f: ProposalListFilter): Promise<ProposalRow[]> {
  const c = new SqlConditions().whereFragment(f.visible);
  if (f.status) c.where(`p.status = ${c.param(f.status)}`);
  if (f.kind) c.where(`p.kind = ${c.param(f.kind)}`);
  if (f.agency) c.where(`p.submitting_agency_code = ${c.param(f.agency)}`);
  // search_text holds reference, title and summary folded on write (migration 0800).
  const words = f.words?.({ folded: ['p.search_text'], plain: [] }, (v) => c.param(v));
  if (words) c.where(words);
  c.after('p.created_at, p.id', '<', f.after, ['timestamptz', 'uuid']);
  return db.query(`${PROPOSAL_SELECT} WHERE ${c.sql} ORDER BY p.created_at DESC, p.id DESC LIMIT ${c.param(f.limit + 1)}`, c.params);
}

export interface DossierVersionRow {
  version: number;
  hash: string;
  content: unknown;
  attachments: unknown;
  created_at: Date;
  created_by: string;
  full_name: string;
}

export function listDossierVersions(db: Db, proposalId: string): Promise<DossierVersionRow[]> {
  return db.query(
    `SELECT d.version, d.hash, d.content, d.attachments, d.created_at, d.created_by, u.full_name
     FROM dossier_version d JOIN app_user u ON u.id = d.created_by WHERE d.proposal_id = $1 ORDER BY d.version`,
    [proposalId],
  );
}

/** The content of a dossier version as written at submission or resubmission. */
export interface DossierContent {
  title: string;
  summary: string;
  details: Record<string, unknown>;
  attachmentIds?: string[];
}

export async function latestDossierContent(db: Db, proposalId: string): Promise<DossierContent | null> {
  const [current]: { content: DossierContent }[] = await db.query(
    'SELECT content FROM dossier_version WHERE proposal_id = $1 ORDER BY version DESC LIMIT 1',
    [proposalId],
  );
  return current?.content ?? null;
}

export interface ProposalEventRow {
  seq: string;
  at: Date;
  actor_id: string;
  actor_name: string;
  actor_type: 'USER' | 'SYSTEM';
  action: string;
  stage: string | null;
  payload: Record<string, unknown>;
}

/** The proposal's audit events in order: its timeline. */
export function listProposalEvents(db: Db, proposalId: string): Promise<ProposalEventRow[]> {
  return db.query(
    'SELECT seq, at, actor_id, actor_name, actor_type, action, stage, payload FROM audit_event WHERE proposal_id = $1 ORDER BY seq',
    [proposalId],
  );
}

/** The status of the agreement a proposal amends, extends or terminates; null when no agreement has this id. */
export async function relatedAgreementStatus(db: Db, agreementId: string): Promise<string | null> {
  const [found]: { status: string }[] = await db.query('SELECT status FROM agreement WHERE id = $1', [agreementId]);
  return found?.status ?? null;
}
