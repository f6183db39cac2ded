import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Two indexes of awards that others already serve, each written on every award insert (an import of
 * a million rows paid about 2 s per index): awards_directorate_idx (directorate_id) is the leading
 * column of awards_list_directorate_date_idx, and awards_modified_idx (updated_at AT TIME ZONE 'UTC')
 * answered max() for the public data's version, which now takes max(updated_at) from
 * awards_list_updated_idx and converts that one value. awards_award_date_idx stays: the public
 * pages sort by award_date with PostgreSQL's default NULLS placement, which the staff list's
 * (award_date DESC NULLS LAST, id) index cannot serve (without it a public search page at 1M awards
 * sorted every match, 0.8 s).
 */
export class DropRedundantAwardIndexes1795499765654 implements MigrationInterface {
    name = 'DropRedundantAwardIndexes1795499765654'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."awards_directorate_idx"`);
        await queryRunner.query(`DROP INDEX "public"."awards_modified_idx"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "awards_modified_idx" ON "awards" (("updated_at" AT TIME ZONE 'UTC'))`);
        await queryRunner.query(`CREATE INDEX "awards_directorate_idx" ON "awards" ("directorate_id") `);
    }
}
