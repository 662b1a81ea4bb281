import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from './naming';
import { migrations } from '../../../migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** The entity classes of every slice (`entities` of src/modules.ts); core itself knows no slice. */
  entities: Function[];
}

/** TypeORM over `pg`; the schema comes only from the committed migrations, never from `synchronize`. */
export function createDataSource({
  url,
  poolSize = 20,
  applicationName = 'dorfmarkt',
  entities,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    applicationName,
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  });
}
