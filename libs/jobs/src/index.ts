export * from './redis.js';
export * from './redis-health.js';
export * from './catalogue.js';
export * from './output-files.js';
export * from './jobs.service.js';
export * from './jobs.module.js';
export * from './job-handler.js';
export * from './job-registry.js';
