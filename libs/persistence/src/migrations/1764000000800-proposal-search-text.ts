import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the search box matches a proposal against (GET /proposals?q=, GET /tasks?q=): reference, title and summary in
 * one column, folded once on write the way apps/api/src/common/text-fold.ts folds the query (Vietnamese letters to
 * their base letter, then lower-case). Folding 300k values per search took 2.7 s at 100k proposals; reading one
 * stored column takes a fraction of that. The map is written out here so this migration never changes; a test checks
 * it equals the api's, so changing the api's map fails until a new migration regenerates the column.
 */
export const SEARCH_FOLD_FROM =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđäåëîïöüçñÿÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐÄÅËÎÏÖÜÇÑŸ';
export const SEARCH_FOLD_TO =
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaeiioucnyAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYDAAEIIOUCNY';

export class ProposalSearchText1764000000800 implements MigrationInterface {
  name = 'ProposalSearchText1764000000800';

  async up(q: QueryRunner): Promise<void> {
    // The words of a query hold no space, so the spaces joining the three fields keep a word within one of them.
    await q.query(
      `ALTER TABLE proposal ADD COLUMN search_text text GENERATED ALWAYS AS (
         lower(translate(reference || ' ' || title || ' ' || coalesce(summary, ''), '${SEARCH_FOLD_FROM}', '${SEARCH_FOLD_TO}'))
       ) STORED`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE proposal DROP COLUMN search_text');
  }
}
