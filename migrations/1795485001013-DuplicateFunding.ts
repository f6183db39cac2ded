import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Duplicated funding (issue 5): the matcher's verdicts, people's merge/split decisions, clusters of
 * records that are one organisation, and DUP-1 flags. The GIN indexes on the flags' id arrays are
 * declared with synchronize: false on the entity (TypeORM cannot describe GIN), so they live here only.
 */
export class DuplicateFunding1795485001013 implements MigrationInterface {
    name = 'DuplicateFunding1795485001013'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "organisation_matches" ("organisation_a_id" uuid NOT NULL, "organisation_b_id" uuid NOT NULL, "decision" text NOT NULL, "confidence" real NOT NULL, "method" text NOT NULL, "evidence" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisation_matches_decision_check" CHECK (decision IN ('same','possible')), CONSTRAINT "organisation_matches_order_check" CHECK (organisation_a_id < organisation_b_id), CONSTRAINT "PK_4326a2e140dab368e6632a91a7b" PRIMARY KEY ("organisation_a_id", "organisation_b_id"))`);
        await queryRunner.query(`CREATE INDEX "organisation_matches_b_idx" ON "organisation_matches"  ("organisation_b_id") `);
        await queryRunner.query(`CREATE TABLE "organisation_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_a_id" uuid NOT NULL, "organisation_b_id" uuid NOT NULL, "decision" text NOT NULL, "note" text, "decided_by_id" uuid, "decided_by" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisation_decisions_decision_check" CHECK (decision IN ('merge','split')), CONSTRAINT "organisation_decisions_order_check" CHECK (organisation_a_id < organisation_b_id), CONSTRAINT "PK_3f6e57806f6154f7d340afb4e18" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "organisation_decisions_b_idx" ON "organisation_decisions"  ("organisation_b_id") `);
        await queryRunner.query(`CREATE INDEX "organisation_decisions_pair_idx" ON "organisation_decisions"  ("organisation_a_id", "organisation_b_id") `);
        await queryRunner.query(`CREATE TABLE "organisation_clusters" ("organisation_id" uuid NOT NULL, "cluster_id" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_608afdd2fe630aedd1293d0e8d1" PRIMARY KEY ("organisation_id"))`);
        await queryRunner.query(`CREATE INDEX "organisation_clusters_cluster_idx" ON "organisation_clusters"  ("cluster_id") `);
        await queryRunner.query(`CREATE TABLE "duplicate_funding_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cluster_key" uuid NOT NULL, "organisation_name" text NOT NULL, "organisation_ids" uuid array NOT NULL, "directorate_ids" uuid array NOT NULL, "funder_ids" uuid array NOT NULL, "award_ids" uuid array NOT NULL, "organisation" jsonb NOT NULL, "evidence" jsonb NOT NULL, "total_amount_pence" bigint NOT NULL, "overlap_from" date NOT NULL, "overlap_to" date NOT NULL, "severity" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "note" text, "reviewed_by_id" uuid, "reviewed_by" text, "reviewed_at" TIMESTAMP WITH TIME ZONE, "fingerprint" text NOT NULL, "reviewed_fingerprint" text, "active" boolean NOT NULL DEFAULT true, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "duplicate_funding_flags_cluster_key" UNIQUE ("cluster_key"), CONSTRAINT "duplicate_funding_flags_status_check" CHECK (status IN ('open','justified','confirmed','resolved')), CONSTRAINT "duplicate_funding_flags_severity_check" CHECK (severity IN ('high','medium','low')), CONSTRAINT "PK_2badde15f2cd4fa9324628f42b0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "duplicate_funding_flags_list_idx" ON "duplicate_funding_flags"  ("active", "severity", "status") `);
        await queryRunner.query(`CREATE INDEX "duplicate_funding_flags_organisations_idx" ON "duplicate_funding_flags" USING gin ("organisation_ids")`);
        await queryRunner.query(`CREATE INDEX "duplicate_funding_flags_awards_idx" ON "duplicate_funding_flags" USING gin ("award_ids")`);
        await queryRunner.query(`CREATE INDEX "duplicate_funding_flags_directorates_idx" ON "duplicate_funding_flags" USING gin ("directorate_ids")`);
        await queryRunner.query(`CREATE INDEX "duplicate_funding_flags_funders_idx" ON "duplicate_funding_flags" USING gin ("funder_ids")`);
        await queryRunner.query(`ALTER TABLE "organisation_matches" ADD CONSTRAINT "FK_8f3ff1b25c2f95b08fab342ddfa" FOREIGN KEY ("organisation_a_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_matches" ADD CONSTRAINT "FK_643fdd38a526d97bb7abfa4cce4" FOREIGN KEY ("organisation_b_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_decisions" ADD CONSTRAINT "FK_04573e711e12c320156d8f1ec04" FOREIGN KEY ("organisation_a_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_decisions" ADD CONSTRAINT "FK_692e44e6008c5eb5f63273212ec" FOREIGN KEY ("organisation_b_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_clusters" ADD CONSTRAINT "FK_608afdd2fe630aedd1293d0e8d1" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organisation_clusters" DROP CONSTRAINT "FK_608afdd2fe630aedd1293d0e8d1"`);
        await queryRunner.query(`ALTER TABLE "organisation_decisions" DROP CONSTRAINT "FK_692e44e6008c5eb5f63273212ec"`);
        await queryRunner.query(`ALTER TABLE "organisation_decisions" DROP CONSTRAINT "FK_04573e711e12c320156d8f1ec04"`);
        await queryRunner.query(`ALTER TABLE "organisation_matches" DROP CONSTRAINT "FK_643fdd38a526d97bb7abfa4cce4"`);
        await queryRunner.query(`ALTER TABLE "organisation_matches" DROP CONSTRAINT "FK_8f3ff1b25c2f95b08fab342ddfa"`);
        await queryRunner.query(`DROP INDEX "public"."duplicate_funding_flags_funders_idx"`);
        await queryRunner.query(`DROP INDEX "public"."duplicate_funding_flags_directorates_idx"`);
        await queryRunner.query(`DROP INDEX "public"."duplicate_funding_flags_awards_idx"`);
        await queryRunner.query(`DROP INDEX "public"."duplicate_funding_flags_organisations_idx"`);
        await queryRunner.query(`DROP INDEX "public"."duplicate_funding_flags_list_idx"`);
        await queryRunner.query(`DROP TABLE "duplicate_funding_flags"`);
        await queryRunner.query(`DROP INDEX "public"."organisation_clusters_cluster_idx"`);
        await queryRunner.query(`DROP TABLE "organisation_clusters"`);
        await queryRunner.query(`DROP INDEX "public"."organisation_decisions_pair_idx"`);
        await queryRunner.query(`DROP INDEX "public"."organisation_decisions_b_idx"`);
        await queryRunner.query(`DROP TABLE "organisation_decisions"`);
        await queryRunner.query(`DROP INDEX "public"."organisation_matches_b_idx"`);
        await queryRunner.query(`DROP TABLE "organisation_matches"`);
    }

}
