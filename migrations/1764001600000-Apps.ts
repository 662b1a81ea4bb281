import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner apps: their registrations, people's grants, what the OAuth library stores, cost buckets (without Redis),
 * webhook subscriptions and the deliveries outbox.
 */
export class Apps1764001600000 implements MigrationInterface {
  name = 'Apps1764001600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "apps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid, "merchant_id" uuid, "name" character varying(80) NOT NULL, "description" character varying(500) NOT NULL, "homepage_url" character varying(500), "client_id" character varying(64) NOT NULL, "secret_digest" character varying(64) NOT NULL, "redirect_uris" text array NOT NULL, "scopes" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c5121fda0f8268f1f7f84134e19" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_427a4f04c1469d1d4515fbb2c1" ON "apps" ("client_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_616bc2b25819bc9f5b8bbf8a58" ON "apps" ("owner_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "app_grants" ("id" character varying(64) NOT NULL, "app_id" uuid NOT NULL, "user_id" uuid NOT NULL, "scopes" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a7dae657ee4463c2563cdbe3f3f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4e5b071fdd3abb92b241191248" ON "app_grants" ("app_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7ec8b62a357a7a19db49dd7321" ON "app_grants" ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "app_cost_buckets" ("key" character varying(255) NOT NULL, "available" double precision NOT NULL, "updated_at_ms" bigint NOT NULL, CONSTRAINT "PK_f94b17a3c61cf7a30fcb4ef4881" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "oauth_records" ("kind" character varying(40) NOT NULL, "id" character varying(255) NOT NULL, "payload" jsonb NOT NULL, "grant_id" character varying(255), "uid" character varying(255), "expires_at" TIMESTAMP WITH TIME ZONE, "consumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_398c92ab295e130a2be5481c7ba" PRIMARY KEY ("kind", "id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_5fdbaf2f3633bf070bdbf444e8" ON "oauth_records" ("uid") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_e82ef15dab37f70d87ffd3fbf1" ON "oauth_records" ("expires_at") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4949f21312bb0aca091d305d33" ON "oauth_records" ("grant_id") `);
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "app_id" uuid NOT NULL, "url" character varying(2000) NOT NULL, "topics" text array NOT NULL, "secret" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_73b6c858d22a97a9d2c9ac35fa" ON "webhook_subscriptions" ("app_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "event_id" character varying(64) NOT NULL, "topic" character varying(64) NOT NULL, "subject_type" character varying(64) NOT NULL, "subject_id" uuid NOT NULL, "body" text, "status" character varying(16) NOT NULL DEFAULT 'PENDING', "attempts" integer NOT NULL DEFAULT '0', "last_attempt_at" TIMESTAMP WITH TIME ZONE, "response_status" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_faf7279249c7638c08f83cd959" ON "webhook_deliveries" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c67093efed5fc802de2c77414f" ON "webhook_deliveries" ("subscription_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "apps" ADD CONSTRAINT "FK_5cdb895992892c7c350812a2b5f" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "apps" ADD CONSTRAINT "FK_80c52a9db77705f99befe4deb71" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_grants" ADD CONSTRAINT "FK_6fa570e15e8f6b9bfb732de7613" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "app_grants" ADD CONSTRAINT "FK_eacf777e13f6f772464f5eb9457" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "FK_0794c70c15b6a658eb47e67d3c3" FOREIGN KEY ("app_id") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "FK_0794c70c15b6a658eb47e67d3c3"`,
    );
    await queryRunner.query(`ALTER TABLE "app_grants" DROP CONSTRAINT "FK_eacf777e13f6f772464f5eb9457"`);
    await queryRunner.query(`ALTER TABLE "app_grants" DROP CONSTRAINT "FK_6fa570e15e8f6b9bfb732de7613"`);
    await queryRunner.query(`ALTER TABLE "apps" DROP CONSTRAINT "FK_80c52a9db77705f99befe4deb71"`);
    await queryRunner.query(`ALTER TABLE "apps" DROP CONSTRAINT "FK_5cdb895992892c7c350812a2b5f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c67093efed5fc802de2c77414f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_faf7279249c7638c08f83cd959"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_73b6c858d22a97a9d2c9ac35fa"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4949f21312bb0aca091d305d33"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e82ef15dab37f70d87ffd3fbf1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5fdbaf2f3633bf070bdbf444e8"`);
    await queryRunner.query(`DROP TABLE "oauth_records"`);
    await queryRunner.query(`DROP TABLE "app_cost_buckets"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7ec8b62a357a7a19db49dd7321"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4e5b071fdd3abb92b241191248"`);
    await queryRunner.query(`DROP TABLE "app_grants"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_616bc2b25819bc9f5b8bbf8a58"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_427a4f04c1469d1d4515fbb2c1"`);
    await queryRunner.query(`DROP TABLE "apps"`);
  }
}
