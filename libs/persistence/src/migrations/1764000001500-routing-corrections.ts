import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_POLICY } from '@accord/domain/routing/default-policy';

/** Agencies the corrected routing policy consults that databases seeded before it may lack. */
export const ROUTING_CORRECTION_AGENCIES = [
  { code: 'HT-BDBP', name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', nameEn: 'Provincial Border Guard Command' },
  { code: 'HT-VPUBND', name: 'Văn phòng Ủy ban nhân dân tỉnh', nameEn: "Office of the Provincial People's Committee" },
  { code: 'HT-SNV', name: 'Sở Nội vụ', nameEn: 'Department of Home Affairs' },
  { code: 'HT-STC', name: 'Sở Tài chính', nameEn: 'Department of Finance' },
] as const;

/**
 * Routing corrections from a legal review (issue 13): publishes routing policy 2026.2 (DEFAULT_POLICY) as the current
 * version — proposals in flight keep the plan stored with them — adds the agencies it consults (tasks reference
 * agency(code), so they must exist before a plan names them) and stores the reason a submitter gives for the
 * shortened procedure. Published_at is after every existing version so 2026.2 becomes current even where the clock
 * of an earlier publication ran ahead.
 */
export class RoutingCorrections1764000001500 implements MigrationInterface {
  name = 'RoutingCorrections1764000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposal ADD COLUMN shortened_reason text');
    for (const a of ROUTING_CORRECTION_AGENCIES) {
      await q.query('INSERT INTO agency (code, name, name_en) VALUES ($1,$2,$3) ON CONFLICT (code) DO NOTHING', [a.code, a.name, a.nameEn]);
    }
    await q.query(
      `INSERT INTO routing_policy (version, document, published_at, published_by, note)
       SELECT $1, $2, GREATEST(date_trunc('milliseconds', now()), COALESCE(MAX(published_at), now()) + interval '1 millisecond'), NULL, $3
       FROM routing_policy
       ON CONFLICT (version) DO NOTHING`,
      [
        DEFAULT_POLICY.version,
        JSON.stringify(DEFAULT_POLICY),
        'Routing corrections from a legal review (issue 13): border communes, fields imply reviews, PM consent only on the provincial route, basis of every step',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Published versions are immutable (trigger routing_policy_no_update_delete); undoing this migration is the one exception.
    await q.query('ALTER TABLE routing_policy DISABLE TRIGGER routing_policy_no_update_delete');
    await q.query('DELETE FROM routing_policy WHERE version = $1 AND published_by IS NULL', [DEFAULT_POLICY.version]);
    await q.query('ALTER TABLE routing_policy ENABLE TRIGGER routing_policy_no_update_delete');
    await q.query('ALTER TABLE proposal DROP COLUMN shortened_reason');
  }
}
