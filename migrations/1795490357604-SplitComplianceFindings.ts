import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The findings' messages move from compliance_results to compliance_findings (same key), so that
 * compliance_results stays narrow: the counts rebuild and the re-check read a few hundred bytes a
 * row instead of two kilobytes. Existing findings are carried over.
 */
export class SplitComplianceFindings1795490357604 implements MigrationInterface {
    name = 'SplitComplianceFindings1795490357604'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "compliance_findings" ("subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "findings" text NOT NULL, CONSTRAINT "PK_c212eaf0df4797efa6300c601ed" PRIMARY KEY ("subject_type", "subject_id"))`);
        await queryRunner.query(`INSERT INTO "compliance_findings" ("subject_type", "subject_id", "findings") SELECT "subject_type", "subject_id", "findings" FROM "compliance_results"`);
        await queryRunner.query(`ALTER TABLE "compliance_results" DROP COLUMN "findings"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "compliance_results" ADD "findings" text`);
        await queryRunner.query(`UPDATE "compliance_results" r SET "findings" = f."findings" FROM "compliance_findings" f WHERE f."subject_type" = r."subject_type" AND f."subject_id" = r."subject_id"`);
        await queryRunner.query(`UPDATE "compliance_results" SET "findings" = '[]' WHERE "findings" IS NULL`);
        await queryRunner.query(`ALTER TABLE "compliance_results" ALTER COLUMN "findings" SET NOT NULL`);
        await queryRunner.query(`DROP TABLE "compliance_findings"`);
    }

}
