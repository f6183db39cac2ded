import { MigrationInterface, QueryRunner } from "typeorm";

export class ComplianceEngine1795483252746 implements MigrationInterface {
    name = 'ComplianceEngine1795483252746'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "compact_profile" ("id" smallint NOT NULL, "settings" jsonb NOT NULL, "version" integer NOT NULL, "updated_by" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "compact_profile_single_row_check" CHECK (id = 1), CONSTRAINT "PK_9a58bd82f9d4870f572d229a4e1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "compliance_results" ("subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "directorate_id" uuid NOT NULL, "programme" text NOT NULL DEFAULT '', "status" text NOT NULL, "fail_count" smallint NOT NULL, "warn_count" smallint NOT NULL, "statuses" jsonb NOT NULL, "findings" text NOT NULL, "findings_hash" bigint NOT NULL, "profile_version" integer NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "compliance_results_status_check" CHECK (status IN ('pass','warn','fail')), CONSTRAINT "compliance_results_subject_type_check" CHECK (subject_type IN ('award','consultation')), CONSTRAINT "PK_be986d95906ee0532d591de8898" PRIMARY KEY ("subject_type", "subject_id"))`);
        await queryRunner.query(`CREATE INDEX "compliance_results_worst_idx" ON "compliance_results"  ("subject_type", "fail_count", "warn_count", "subject_id") `);
        await queryRunner.query(`CREATE TABLE "compliance_counts" ("subject_type" text NOT NULL, "directorate_id" uuid NOT NULL, "programme" text NOT NULL, "rule" text NOT NULL, "status" text NOT NULL, "n" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_35b883f5b0e7dbcdd0794a25af0" PRIMARY KEY ("subject_type", "directorate_id", "programme", "rule", "status"))`);
        await queryRunner.query(`CREATE TABLE "consultations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "directorate_id" uuid NOT NULL, "title" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "rationale" text, "compliance_status" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "consultations_period_check" CHECK (end_date >= start_date), CONSTRAINT "PK_c5b78e9424d9bc68464f6a12103" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "consultations_directorate_idx" ON "consultations"  ("directorate_id") `);
        await queryRunner.query(`ALTER TABLE "awards" ADD "compliance_status" text`);
        await queryRunner.query(`CREATE INDEX "awards_compliance_status_idx" ON "awards"  ("compliance_status") `);
        await queryRunner.query(`ALTER TABLE "consultations" ADD CONSTRAINT "FK_baee29bbc00f46d7ff4ea3c1f63" FOREIGN KEY ("directorate_id") REFERENCES "directorates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "consultations" DROP CONSTRAINT "FK_baee29bbc00f46d7ff4ea3c1f63"`);
        await queryRunner.query(`DROP INDEX "public"."awards_compliance_status_idx"`);
        await queryRunner.query(`ALTER TABLE "awards" DROP COLUMN "compliance_status"`);
        await queryRunner.query(`DROP INDEX "public"."consultations_directorate_idx"`);
        await queryRunner.query(`DROP TABLE "consultations"`);
        await queryRunner.query(`DROP TABLE "compliance_counts"`);
        await queryRunner.query(`DROP INDEX "public"."compliance_results_worst_idx"`);
        await queryRunner.query(`DROP TABLE "compliance_results"`);
        await queryRunner.query(`DROP TABLE "compact_profile"`);
    }

}

