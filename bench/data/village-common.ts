import type { Client } from 'pg';
import type { VillageSize } from '../lib/options';
import { KIND, uuidOf } from './bulk';

/* What the village's generators share: its vocabulary, its deterministic ids, and the step shape. */

export const REGIONS = ['Allgäu', 'Oberland', 'Chiemgau', 'Werdenfels', 'Rupertiwinkel'];
export const CATEGORIES = [
  'cheese',
  'bread',
  'honey',
  'meat',
  'vegetables',
  'fruit',
  'eggs',
  'milk',
  'beer',
  'tools',
  'seeds',
  'wool',
];
export const TAGS = [
  'vegan',
  'vegetarian',
  'organic',
  'gluten-free',
  'lactose-free',
  'contains-nuts',
  'regional',
];
/** Users per neighbourhood: most trust stays inside one, which gives friend recommendations something to find. */
export const COMMUNITY = 60;
export const BENCH_PASSWORD = 'bench-village-password';

export const userId = (i: number) => uuidOf(KIND.user, i);
export const merchantId = (i: number) => uuidOf(KIND.merchant, i);
export const productId = (i: number) => uuidOf(KIND.product, i);

/** What a step did, for the report. */
export interface StepResult {
  table: string;
  rows: number;
  seconds: number;
  note: string;
}

export type Step = (db: Client, size: VillageSize) => Promise<Omit<StepResult, 'seconds'>>;

export const productTitle = (i: number) => `${CATEGORIES[i % CATEGORIES.length]} no. ${i}`;
export const productPrice = (i: number) => 150 + ((i * 37) % 4850);

export async function emptied(db: Client, table: string): Promise<void> {
  await db.query(`TRUNCATE ${table} CASCADE`);
}
