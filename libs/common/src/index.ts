export * from './money.js';
export * from './dates.js';
export * from './domain-error.js';
export * from './pagination.js';
export * from './validators.js';
export * from './identifiers.js';
export * from './validation-errors.js';
export * from './page-headers.js';
