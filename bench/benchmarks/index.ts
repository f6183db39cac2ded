import type { Benchmark } from '../harness/types.js';
import { api } from './api.bench.js';
import { compliance } from './compliance.bench.js';
import { duplicates } from './duplicates.bench.js';
import { fundingDatabase } from './funding-database.bench.js';
import { imports } from './import.bench.js';
import { matchingQuality } from './matching-quality.bench.js';
import { openData } from './open-data.bench.js';
import { publicPage } from './public-page.bench.js';
import { sroi } from './sroi.bench.js';

/**
 * Every benchmark, in the order they run. Order matters: the compliance and duplicates jobs store
 * findings and flags that the workbook and the API then read, as in production. A new capability
 * gets one module here that calls the product's real code path.
 */
export const BENCHMARKS: Benchmark[] = [matchingQuality, compliance, duplicates, sroi, fundingDatabase, openData, api, publicPage, imports];
