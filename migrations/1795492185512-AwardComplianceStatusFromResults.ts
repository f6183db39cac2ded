import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An award's worst Compact finding is read from compliance_results (where the compliance engine stores it
 * anyway) instead of a copy in awards.compliance_status: a re-check of a million awards no longer rewrites
 * every award row with its ten indexes (about 70 µs an award, more than the rules and the findings together).
 */
export class AwardComplianceStatusFromResults1795492185512 implements MigrationInterface {
    name = 'AwardComplianceStatusFromResults1795492185512'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."awards_compliance_status_idx"`);
        await queryRunner.query(`ALTER TABLE "awards" DROP COLUMN "compliance_status"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "awards" ADD "compliance_status" text`);
        await queryRunner.query(`UPDATE "awards" a SET "compliance_status" = r."status" FROM "compliance_results" r WHERE r."subject_type" = 'award' AND r."subject_id" = a."id"`);
        await queryRunner.query(`CREATE INDEX "awards_compliance_status_idx" ON "awards" ("compliance_status") `);
    }

}
