export * from './funder.entity.js';
export * from './funders.service.js';
export * from './funders.module.js';
export * from './dto/funder.dto.js';
import { Directorate, Funder } from './funder.entity.js';
export const FUNDERS_ENTITIES = [Funder, Directorate];
