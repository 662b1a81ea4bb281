import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every timestamp to millisecond precision: keyset cursors carry JavaScript dates, which hold milliseconds, so a
 * microsecond column made rows written in the same millisecond (one transaction shares its now()) fall between
 * pages. Dependent indexes are rebuilt by PostgreSQL itself.
 */
const COLUMNS: Record<string, string[]> = {
  users: ['created_at'],
  refresh_tokens: ['expires_at', 'replaced_at', 'revoked_at', 'created_at'],
  blocks: ['created_at'],
  trust_edges: ['created_at', 'updated_at'],
  alliances: ['created_at'],
  merchants: ['created_at'],
  merchant_staff: ['created_at'],
  products: ['created_at', 'updated_at'],
  questions: ['created_at'],
  answers: ['created_at'],
  answer_votes: ['created_at'],
  reviews: ['replied_at', 'created_at', 'updated_at'],
  notifications: ['read_at'],
  review_helpful_votes: ['created_at'],
  user_preferences: ['updated_at'],
  pools: ['deadline', 'closed_at'],
  price_requests: ['deadline', 'closed_at', 'created_at', 'updated_at'],
  bids: ['created_at'],
};

export class MillisecondTimestamps1764000900000 implements MigrationInterface {
  name = 'MillisecondTimestamps1764000900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(COLUMNS)) {
      const changes = columns.map((c) => `ALTER COLUMN "${c}" TYPE timestamptz(3)`).join(', ');
      await queryRunner.query(`ALTER TABLE "${table}" ${changes}`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, columns] of Object.entries(COLUMNS)) {
      const changes = columns.map((c) => `ALTER COLUMN "${c}" TYPE timestamptz`).join(', ');
      await queryRunner.query(`ALTER TABLE "${table}" ${changes}`);
    }
  }
}
