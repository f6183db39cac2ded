import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every statement that changes what the public API and page are made of (awards, organisations,
 * directorates, funders) notifies the channel public_data_changed; PostgreSQL delivers it when the
 * transaction commits (one per transaction). libs/public-data PublicDataVersion listens, so the
 * data version behind the public cache and ETags is read again only after a change.
 */
export class PublicDataNotify1795492426194 implements MigrationInterface {
    name = 'PublicDataNotify1795492426194'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION public_data_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_notify('public_data_changed', '');
    RETURN NULL;
END
$fn$`);
        for (const table of TABLES)
            await queryRunner.query(`CREATE TRIGGER ${table}_public_data_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION public_data_notify()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) await queryRunner.query(`DROP TRIGGER ${table}_public_data_notify ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION public_data_notify()`);
    }
}

const TABLES = ['awards', 'organisations', 'directorates', 'funders'];
