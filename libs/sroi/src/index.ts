export * from './sroi.types.js';
export { computeSroi } from './compute-sroi.js';
export { SroiAccumulator, summariseSroi, type SroiAccumulatorOptions } from './summarise-sroi.js';
export { validateOutcome, validateSroiSettings } from './validate-sroi.js';
