import { isMoneyInput } from '@app/common';
import { COLUMN_SPECS, pathReader, type Grant360 } from '@app/giving360';
import { endDateOf, monthLength, startDateOf } from './periods.js';

/** A failure of one of our own rules, beyond the 360Giving schema. */
export type RuleError = { path: string; reason: string; value: unknown };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
type Field = { path: string; read: (grant: object) => unknown };
const fields = (paths: string[]): Field[] => paths.map((path) => ({ path, read: pathReader(path) }));

const DATES = fields(COLUMN_SPECS.filter((column) => column.dateKind).map((column) => column.path));
const IDS = fields(['id', 'recipientOrganization[0].id', 'fundingOrganization[0].id', 'recipientIndividual.id']);
const TEXT_WE_NEED = fields(['id', 'title', 'recipientOrganization[0].id', 'recipientOrganization[0].name', 'fundingOrganization[0].id', 'fundingOrganization[0].name']);
const readPlannedStart = pathReader('plannedDates[0].startDate');
const readPlannedEnd = pathReader('plannedDates[0].endDate');
const DATE_START = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})/;
/** UK postcode shape, as the Data Quality Tool's "Geographic Code that looks like a postcode" check. */
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

function amountRule(grant: Grant360): RuleError[] {
  const value = grant.amountAwarded;
  if (typeof value !== 'number') return [];
  if (!(value > 0)) return [{ path: 'amountAwarded', reason: 'must be more than 0', value }];
  if (!isMoneyInput(value)) return [{ path: 'amountAwarded', reason: 'must be in pounds with at most 2 decimal places (whole pence)', value }];
  return [];
}

function currencyRule(grant: Grant360): RuleError[] {
  const value = grant.currency;
  if (typeof value !== 'string' || value === 'GBP') return [];
  return [{ path: 'currency', reason: 'must be GBP: awards are recorded in pounds sterling', value }];
}

/** The schema's date pattern lets 2025-09-31 through (SOURCES.md note 6). */
function realDateRule(grant: Grant360): RuleError[] {
  const errors: RuleError[] = [];
  for (const { path, read } of DATES) {
    const value = read(grant);
    const m = typeof value === 'string' ? DATE_START.exec(value.trim()) : null;
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = monthLength(year, month);
    if (day < 1 || day > days) errors.push({ path, reason: `is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days`, value });
  }
  return errors;
}

function plannedPeriodRule(grant: Grant360): RuleError[] {
  const start = startDateOf(readPlannedStart(grant));
  const endValue = readPlannedEnd(grant);
  const end = endDateOf(endValue);
  if (!start || !end || end >= start) return [];
  return [{ path: 'plannedDates[0].endDate', reason: `must be on or after the planned start date ${start}`, value: endValue }];
}

function blankTextRule(grant: Grant360): RuleError[] {
  const errors: RuleError[] = [];
  for (const { path, read } of TEXT_WE_NEED) {
    const value = read(grant);
    if (typeof value === 'string' && !value.trim()) errors.push({ path, reason: 'is required (it is blank)', value });
  }
  return errors;
}

/** A line break inside an id is a critical Data Quality Tool finding (often an Alt+Enter in Excel). */
function lineBreakRule(grant: Grant360): RuleError[] {
  const errors: RuleError[] = [];
  for (const { path, read } of IDS) {
    const value = read(grant);
    if (typeof value === 'string' && /[\r\n]/.test(value.trim()))
      errors.push({ path, reason: 'must not contain a line break: remove it (in Excel, look for Alt+Enter in the cell)', value });
  }
  return errors;
}

/** A grant to an individual must not say where they live (Data Quality Tool, data-protection check). */
function individualPostcodeRule(grant: Grant360): RuleError[] {
  if (!grant.recipientIndividual || !Array.isArray(grant.beneficiaryLocation)) return [];
  return grant.beneficiaryLocation.flatMap((location: { geoCode?: unknown } | null, i): RuleError[] => {
    const value = location?.geoCode;
    return typeof value === 'string' && POSTCODE.test(value.trim())
      ? [{ path: `beneficiaryLocation[${i}].geoCode`, reason: 'looks like a postcode: a grant to an individual must not show where they live; give a ward or local authority code instead', value }]
      : [];
  });
}

const RULES = [amountRule, currencyRule, realDateRule, plannedPeriodRule, blankTextRule, lineBreakRule, individualPostcodeRule];

/** Our own rules: positive amounts in whole pence, GBP, real dates, end on or after start, ids we can use. */
export function grantRuleErrors(grant: unknown): RuleError[] {
  if (grant === null || typeof grant !== 'object' || Array.isArray(grant)) return [];
  const errors: RuleError[] = [];
  for (const rule of RULES) {
    const found = rule(grant as Grant360);
    if (found.length) errors.push(...found);
  }
  return errors;
}
