import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One app token's leaky bucket of query cost, when no Redis is configured: what was available at `updatedAtMs`
 * (the database clock), from which the current level follows at the restore rate.
 */
@Entity('app_cost_buckets')
export class CostBucket {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'double precision' })
  available: number;

  @Column({ type: 'bigint' })
  updatedAtMs: string;
}
