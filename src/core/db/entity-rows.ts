import type { DataSource } from 'typeorm';

/**
 * An entity's columns for hand-written SQL in the hottest loaders: the select list comes from TypeORM's
 * metadata, so it follows the entity, and rows become instances of the entity class directly, without the ORM's
 * query building and hydration (which cost more than the query itself on a busy page). Only for entities whose
 * columns pg already returns as the entity holds them (no transformers, no JSON or array-of-enum columns).
 */
export class EntityRows<T extends object> {
  private readonly properties: string[];
  private readonly columns: string[];
  private readonly keys = new Map<string, string[]>();

  constructor(
    dataSource: DataSource,
    private readonly entity: new () => T,
  ) {
    const selected = dataSource
      .getMetadata(entity)
      .columns.filter((c) => c.isSelect && !c.isVirtual && !c.isVirtualProperty);
    this.properties = selected.map((c) => c.propertyName);
    this.columns = selected.map((c) => c.databaseName);
  }

  /** `alias.column AS "<prefix>property", …` for a SELECT list. */
  select(alias: string, prefix = ''): string {
    return this.columns
      .map((column, i) => `${alias}.${column} AS "${prefix}${this.properties[i]}"`)
      .join(', ');
  }

  /**
   * The same list with each column null where `condition` does not hold: for statements that repeat a row
   * along with others (a product along with each of its reviews), so that only the first carries it.
   */
  selectWhen(alias: string, condition: string, prefix = ''): string {
    return this.columns
      .map(
        (column, i) =>
          `CASE WHEN ${condition} THEN ${alias}.${column} END AS "${prefix}${this.properties[i]}"`,
      )
      .join(', ');
  }

  /** The entity from a row selected with `select(alias, prefix)`. */
  from(row: Record<string, unknown>, prefix = ''): T {
    let keys = this.keys.get(prefix);
    if (!keys) {
      keys = this.properties.map((p) => prefix + p);
      this.keys.set(prefix, keys);
    }
    const entity = Object.create(this.entity.prototype) as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) entity[this.properties[i]] = row[keys[i]];
    return entity as T;
  }
}
