import { MigrationInterface, QueryRunner } from 'typeorm';

/** Archived products (no longer listed, searched, pooled or ordered) and each person's muted notification kinds. */
export class ShopSettings1764001410000 implements MigrationInterface {
  name = 'ShopSettings1764001410000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "muted" text array NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "products" ADD "archived" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_91a7ffebe8b406c4470845d4781" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "FK_91a7ffebe8b406c4470845d4781"`,
    );
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "archived"`);
    await queryRunner.query(`DROP TABLE "notification_settings"`);
  }
}
