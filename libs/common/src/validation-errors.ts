import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from './domain-error.js';

const PLAIN: Record<string, string> = {
  whitelistValidation: 'is not a known field: remove it (check the spelling against the API documentation at /api/docs)',
  isDefined: 'is required',
};

/** Flattens class-validator's nested errors to `payments[0].amount: reason` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = !parent ? e.property : /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    for (const [key, msg] of Object.entries(e.constraints ?? {})) out.push({ field, reason: PLAIN[key] ?? stripField(msg, e.property) });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** class-validator's defaults start with the property name ("title must be a string"): keep only the reason. */
function stripField(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
