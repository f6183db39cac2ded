import { MigrationInterface, QueryRunner } from "typeorm";

export class ConsoleSessions1795482968713 implements MigrationInterface {
    name = 'ConsoleSessions1795482968713'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "console_sessions" ("id_hash" text NOT NULL, "user_id" uuid NOT NULL, "csrf_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_916f2095a1ec3f58318a2039e1d" PRIMARY KEY ("id_hash"))`);
        await queryRunner.query(`CREATE INDEX "console_sessions_user_idx" ON "console_sessions"  ("user_id") `);
        await queryRunner.query(`ALTER TABLE "console_sessions" ADD CONSTRAINT "FK_7cc109beca9adc3cbc175773b1e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "console_sessions" DROP CONSTRAINT "FK_7cc109beca9adc3cbc175773b1e"`);
        await queryRunner.query(`DROP INDEX "public"."console_sessions_user_idx"`);
        await queryRunner.query(`DROP TABLE "console_sessions"`);
    }

}
