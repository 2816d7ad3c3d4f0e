/**
 * Routing policies as published, versioned data (docs/domain.md "Routing policy (data, versioned)"). Publishing runs
 * in the caller's transaction: lockPolicyPublishing, newestPublishedPolicy, insertPolicyVersion, then its audit row.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { RoutingPolicy } from '@accord/domain';
import { SqlConditions } from '../sql/sql-conditions';

type Db = DataSource | EntityManager;

/** A published routing policy version as listed (without its document). */
export interface PolicyVersionRow {
  version: string;
  published_at: Date;
  published_by: string | null;
  published_by_name: string | null;
  note: string | null;
}

/** A published version with its document. */
export interface PolicyRow extends PolicyVersionRow {
  document: RoutingPolicy;
}

const select = (withDocument = false) => `SELECT p.version, ${withDocument ? 'p.document, ' : ''}p.published_at, p.published_by,
  u.full_name AS published_by_name, p.note FROM routing_policy p LEFT JOIN app_user u ON u.id = p.published_by`;
/** Newest first; published_at is strictly increasing (see insertPolicyVersion), version only breaks ties of old data. */
const NEWEST_FIRST = 'ORDER BY p.published_at DESC, p.version DESC';

/** The document of the newest published version: the one new proposals are planned with. */
export async function currentPolicyDocument(db: Db): Promise<RoutingPolicy | null> {
  const [row]: { document: RoutingPolicy }[] = await db.query(`SELECT p.document FROM routing_policy p ${NEWEST_FIRST} LIMIT 1`);
  return row?.document ?? null;
}

export async function currentPolicyVersion(db: Db): Promise<string | null> {
  const [row]: { version: string }[] = await db.query(`SELECT p.version FROM routing_policy p ${NEWEST_FIRST} LIMIT 1`);
  return row?.version ?? null;
}

/** Up to `take` versions newest first, after the (published_at, version) of the last row seen. */
export function listPolicyVersions(db: Db, after: string[] | null, take: number): Promise<PolicyVersionRow[]> {
  const c = new SqlConditions();
  c.after('p.published_at, p.version', '<', after, ['timestamptz', 'varchar']);
  return db.query(`${select()} WHERE ${c.sql} ${NEWEST_FIRST} LIMIT ${c.param(take)}`, c.params);
}

export async function findCurrentPolicy(db: Db): Promise<PolicyRow | null> {
  const [row]: PolicyRow[] = await db.query(`${select(true)} ${NEWEST_FIRST} LIMIT 1`);
  return row ?? null;
}

export async function findPolicyVersion(db: Db, version: string): Promise<PolicyRow | null> {
  const [row]: PolicyRow[] = await db.query(`${select(true)} WHERE p.version = $1`, [version]);
  return row ?? null;
}

/** Those of `codes` that name an agency. */
export async function knownAgencyCodes(db: Db, codes: string[]): Promise<Set<string>> {
  const rows: { code: string }[] = codes.length ? await db.query('SELECT code FROM agency WHERE code = ANY($1)', [codes]) : [];
  return new Set(rows.map((r) => r.code));
}

/** One publisher at a time until `m`'s transaction ends, so published_at (the order of versions) strictly increases; readers are not blocked. */
export async function lockPolicyPublishing(m: EntityManager): Promise<void> {
  await m.query('LOCK TABLE routing_policy IN SHARE ROW EXCLUSIVE MODE');
}

export async function newestPublishedPolicy(db: Db): Promise<{ version: string; published_at: Date } | null> {
  const [row]: { version: string; published_at: Date }[] = await db.query(
    `SELECT p.version, p.published_at FROM routing_policy p ${NEWEST_FIRST} LIMIT 1`,
  );
  return row ?? null;
}

export async function policyVersionExists(db: Db, version: string): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM routing_policy WHERE version = $1', [version]);
  return rows.length > 0;
}

/** Publishes `version` strictly after `previousAt` (when the newest version before it was published); returns its published_at. */
export async function insertPolicyVersion(
  db: Db,
  row: { version: string; document: RoutingPolicy; previousAt: Date | null; publishedBy: string; note: string | null },
): Promise<Date> {
  const [inserted]: { published_at: Date }[] = await db.query(
    `INSERT INTO routing_policy (version, document, published_at, published_by, note)
     VALUES ($1, $2, GREATEST(date_trunc('milliseconds', clock_timestamp()), $3::timestamptz + interval '1 millisecond'), $4, $5)
     RETURNING published_at`,
    [row.version, JSON.stringify(row.document), row.previousAt, row.publishedBy, row.note],
  );
  return inserted!.published_at;
}
