import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's position (chức vụ: "Chủ tịch", "Phó Chủ tịch", "Giám đốc"), printed in the signature block of the
 * official documents they sign (Decree 30/2020/NĐ-CP, Art 8 item 7: the signer's authority, position and name).
 * A deputy signs "KT." for the head, which the document derives from the position. Optional: most users sign nothing.
 */
export class UserPosition1764000002300 implements MigrationInterface {
  name = 'UserPosition1764000002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN position varchar(100) CHECK (btrim(position) <> '')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN position`);
  }
}
