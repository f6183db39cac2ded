import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Three indexes of awards that others already serve, each written on every award insert (an import
 * of a million rows paid about 2 s per index): awards_directorate_idx (directorate_id) is the leading
 * column of awards_list_directorate_date_idx; awards_award_date_idx (award_date) is the leading column
 * of awards_list_award_date_idx, which a B-tree reads in either direction and for ranges; and
 * awards_modified_idx (updated_at AT TIME ZONE 'UTC') answered max() for the public data's version,
 * which now takes max(updated_at) from awards_list_updated_idx and converts that one value.
 */
export class DropRedundantAwardIndexes1795499765654 implements MigrationInterface {
    name = 'DropRedundantAwardIndexes1795499765654'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."awards_directorate_idx"`);
        await queryRunner.query(`DROP INDEX "public"."awards_award_date_idx"`);
        await queryRunner.query(`DROP INDEX "public"."awards_modified_idx"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "awards_modified_idx" ON "awards" (("updated_at" AT TIME ZONE 'UTC'))`);
        await queryRunner.query(`CREATE INDEX "awards_award_date_idx" ON "awards" ("award_date") `);
        await queryRunner.query(`CREATE INDEX "awards_directorate_idx" ON "awards" ("directorate_id") `);
    }
}
