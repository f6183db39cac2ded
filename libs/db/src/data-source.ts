import 'reflect-metadata';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

/** One definition for the apps, the migration runner and the TypeORM CLI. Never synchronize. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    uuidExtension: 'pgcrypto',
    extra: { max: 20, application_name: 'compact-funding-tracker' },
  };
}
