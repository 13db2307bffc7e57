import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password an admin chose or generated is one-time: its user must set their own at the
 * next sign-in. Accounts that exist keep their passwords (false).
 */
export class MustChangePassword1795600700000 implements MigrationInterface {
  name = 'MustChangePassword1795600700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
  }
}
