export { dataSourceOptions } from './data-source.js';
export * from './migrate.js';
export * from './db.module.js';
export * from './entities.js';
