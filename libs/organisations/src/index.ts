export * from './organisation.entity.js';
export * from './organisations.service.js';
export * from './organisation-hooks.js';
export * from './organisations.module.js';
export * from './dto/organisation.dto.js';
import { Organisation } from './organisation.entity.js';
export const ORGANISATIONS_ENTITIES = [Organisation];
