import { MigrationInterface, QueryRunner } from "typeorm";

/** A digest of what a recompute writes to a flag, so that an unchanged flag is not rewritten (flags stored before get '' and are rewritten once). */
export class DuplicateFlagContentHash1795490907886 implements MigrationInterface {
    name = 'DuplicateFlagContentHash1795490907886'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "duplicate_funding_flags" ADD "content_hash" text NOT NULL DEFAULT ''`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "duplicate_funding_flags" DROP COLUMN "content_hash"`);
    }

}
