import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from './naming';
import { entities } from '../../modules';
import { migrations } from '../../../migrations';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/** TypeORM over `pg`; the schema comes only from the committed migrations, never from `synchronize`. */
export function createDataSource({
  url,
  poolSize = 20,
  applicationName = 'dorfmarkt',
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
