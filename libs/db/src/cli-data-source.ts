import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from './data-source.js';

/** For the TypeORM CLI only (`typeorm migration:generate -d dist/libs/db/src/cli-data-source.js`). */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
