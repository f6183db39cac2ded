export * from './audit-entry.entity.js';
export * from './audit.service.js';
export * from './audit.module.js';
import { AuditEntry } from './audit-entry.entity.js';
export const AUDIT_ENTITIES = [AuditEntry];
