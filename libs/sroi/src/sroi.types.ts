/** One outcome of an award, valued for SROI. Amounts in pounds and fractions 0-1 as decimal strings. */
export interface SroiOutcome {
  description: string;
  quantity: string;
  /** Value of one unit of outcome for one year, in pounds. */
  financialProxy: string;
  deadweight: string;
  displacement: string;
  attribution: string;
  dropOff: string;
  durationYears: number;
}

export interface SroiAward {
  awardId: string;
  /** Shown as the award row's label when given; the award id otherwise. */
  title?: string;
  /** The award amount plus valued in-kind support. */
  inputsPence: bigint;
  outcomes: SroiOutcome[];
  programme: string | null;
  directorate: string | null;
  funder: string | null;
}

export interface SroiSettings {
  /** HM Treasury Green Book rate, a fraction: '0.035'. */
  discountRate: string;
  /** Points each attribution and deadweight is moved in the sensitivity test, a fraction: '0.10'. */
  sensitivityPoints: string;
  /** Fraction every proxy is moved up and down in the sensitivity test: '0.20'. */
  proxyVariation: string;
}

export const DEFAULT_SROI_SETTINGS: Readonly<SroiSettings> = Object.freeze({
  discountRate: '0.035',
  sensitivityPoints: '0.10',
  proxyVariation: '0.20',
});

/** Money in pounds as decimal strings ('177837.81'); ratios to 2 places; null where a figure has no meaning. */
export interface SroiResult {
  awardId: string;
  inputs: string;
  /** Undiscounted value of each year, year 1 first. */
  yearValues: string[];
  presentValue: string;
  netPresentValue: string;
  /** PV / inputs ('3.56'); null when inputs are 0. */
  ratio: string | null;
  /** '3.56 : 1'; null when inputs are 0. */
  ratioText: string | null;
  /** inputs / (year-1 value / 12); null when the year-1 value is not positive. */
  paybackMonths: string | null;
  sensitivity: SroiSensitivity;
  hasOutcomes: boolean;
}

export interface SroiSensitivity {
  lowRatio: string | null;
  highRatio: string | null;
  /** inputs / PV to 4 places: the share of every proxy at which the ratio falls to 1 : 1; null when PV is not positive. */
  breakEvenProxyFactor: string | null;
}

export type SroiLevel = 'award' | 'programme' | 'directorate' | 'funder';

export interface SroiSummaryRow {
  level: SroiLevel;
  /** Award id, programme, directorate or funder; null groups the awards that have none. */
  key: string | null;
  label: string;
  awards: number;
  awardsWithoutOutcomes: number;
  inputs: string;
  presentValue: string;
  netPresentValue: string;
  /** Pooled Σ PV / Σ inputs, never a mean of ratios. */
  ratio: string | null;
  /** Σ PV of each award's lowest (highest) scenario / Σ inputs. */
  lowRatio: string | null;
  highRatio: string | null;
  /** Σ inputs / (Σ year-1 values / 12). */
  paybackMonths: string | null;
  breakEvenProxyFactor: string | null;
}
