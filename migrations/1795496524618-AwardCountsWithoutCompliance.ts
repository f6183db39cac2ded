import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * award_counts (migration AwardListIndexes) without its compliance status dimension: an award's compliance
 * status is no longer a column of awards (migration AwardComplianceStatusFromResults reads it from
 * compliance_results), so the triggers' function counts per directorate, kind and status only, and the
 * rows are rebuilt from awards. The staff list counts a `compliance=` filter through compliance_results.
 */
export class AwardCountsWithoutCompliance1795496524618 implements MigrationInterface {
    name = 'AwardCountsWithoutCompliance1795496524618'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // No award written between the rebuild's read and its commit (the counts would miss it).
        await queryRunner.query(`LOCK TABLE awards IN SHARE MODE`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION award_counts_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO award_counts (directorate_id, kind, status, awards)
        SELECT directorate_id, kind, status, count(*) FROM new_rows GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO award_counts (directorate_id, kind, status, awards)
        SELECT directorate_id, kind, status, -count(*) FROM old_rows GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO award_counts (directorate_id, kind, status, awards)
        SELECT directorate_id, kind, status, sum(n)
          FROM (SELECT directorate_id, kind, status, 1 AS n FROM new_rows
                UNION ALL
                SELECT directorate_id, kind, status, -1 FROM old_rows) AS changes
         GROUP BY 1, 2, 3
        HAVING sum(n) <> 0;
    ELSE -- TRUNCATE
        DELETE FROM award_counts;
    END IF;
    RETURN NULL;
END
$fn$`);
        await queryRunner.query(`DELETE FROM award_counts`);
        await queryRunner.query(`ALTER TABLE "award_counts" DROP COLUMN "compliance_status"`);
        await queryRunner.query(`INSERT INTO award_counts (directorate_id, kind, status, awards)
            SELECT directorate_id, kind, status, count(*) FROM awards GROUP BY 1, 2, 3`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`LOCK TABLE awards IN SHARE MODE`);
        await queryRunner.query(`ALTER TABLE "award_counts" ADD "compliance_status" text`);
        await queryRunner.query(`CREATE OR REPLACE FUNCTION award_counts_append() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO award_counts (directorate_id, kind, status, compliance_status, awards)
        SELECT directorate_id, kind, status, compliance_status, count(*) FROM new_rows GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO award_counts (directorate_id, kind, status, compliance_status, awards)
        SELECT directorate_id, kind, status, compliance_status, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO award_counts (directorate_id, kind, status, compliance_status, awards)
        SELECT directorate_id, kind, status, compliance_status, sum(n)
          FROM (SELECT directorate_id, kind, status, compliance_status, 1 AS n FROM new_rows
                UNION ALL
                SELECT directorate_id, kind, status, compliance_status, -1 FROM old_rows) AS changes
         GROUP BY 1, 2, 3, 4
        HAVING sum(n) <> 0;
    ELSE -- TRUNCATE
        DELETE FROM award_counts;
    END IF;
    RETURN NULL;
END
$fn$`);
        // Counted with no compliance status, as awards.compliance_status starts out when the previous
        // migration's down adds it back; the update that fills it moves the counts through this trigger.
        await queryRunner.query(`DELETE FROM award_counts`);
        await queryRunner.query(`INSERT INTO award_counts (directorate_id, kind, status, compliance_status, awards)
            SELECT directorate_id, kind, status, NULL, count(*) FROM awards GROUP BY 1, 2, 3`);
    }
}
