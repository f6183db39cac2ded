/**
 * The demonstration data set of `npm run demo`: Milton Keynes's voluntary and community sector
 * funded by the council's five directorates, the NHS integrated care board and the police and
 * crime commissioner, over three financial years (April 2023 to March 2026). Pure and
 * deterministic: the same seed always gives the same rows (ids included), so the outputs can be
 * compared from one run to the next.
 *
 * Every organisation, person, number and postcode is invented. Names follow the pattern of a real
 * town's sector (estate + activity), so some may match a real group by chance; their charity and
 * company numbers do not. Financial proxies are illustrative, not values from a valuation bank.
 *
 * What it exercises:
 * - spelling variants: about one organisation in six is entered a second time by another
 *   directorate, written differently ("MK" for "Milton Keynes", "Assoc.", "Ltd", "&", a typo,
 *   lower-case postcode), with the same charity number (typed "GB-CHC-…", stored normalised), or
 *   no number at all and the same postcode: only entity resolution joins them;
 * - cross-directorate funding: organisations funded by two directorates (or funders) at once;
 * - Compact findings: overheads missing or part-funded, payment in arrears, single-year awards,
 *   late payments, heavy monitoring, endings at short notice or without a reason, consultations
 *   shorter than twelve weeks;
 * - SROI: outcomes on most grants and contracts; some awards without any;
 * - open data: about half the awards are published, only to recipients with a register number
 *   and a postcode (so the 360Giving Data Quality checks raise nothing), and grants to three
 *   individuals who must never be named.
 */
import { normaliseIdentifiers } from '@app/common';

/** Awards are dated up to the end of March 2026; payments due by then are paid, later ones are not yet. */
export const DEMO_AS_OF = '2026-03-31';
export const DEMO_SEED = 20260331;
/** Every demo award's external id starts with this: how a second run knows the data is there. */
export const DEMO_REFERENCE_PREFIX = 'DEMO-MK-';

export type DemoFunder = { id: string; name: string; orgId: string };
export type DemoDirectorate = { id: string; funderId: string; code: string; name: string; programmes: string[] };
export type DemoOrganisation = {
  id: string;
  name: string;
  type: 'charity' | 'company' | 'cic' | 'community_group' | 'individual';
  charityNumber: string | null;
  companyNumber: string | null;
  orgId: string | null;
  postcode: string | null;
  aliases: string[];
  /** The record this one duplicates (another directorate's spelling), for the demo's own report. */
  variantOf: string | null;
};
export type DemoPayment = { dueDate: string; amountPence: bigint; paidDate: string | null };
export type DemoOutcome = {
  description: string;
  indicator: string;
  quantity: string;
  financialProxy: string;
  proxySource: string;
  deadweight: string;
  displacement: string;
  attribution: string;
  dropOff: string;
  durationYears: number;
};
export type DemoAward = {
  id: string;
  externalId: string;
  kind: 'grant' | 'contract' | 'in_kind';
  title: string;
  description: string;
  directorateId: string;
  recipientId: string;
  programme: string;
  amountPence: bigint;
  awardDate: string;
  plannedStartDate: string;
  plannedEndDate: string;
  status: 'draft' | 'awarded' | 'published' | 'ended';
  directCostPence: bigint | null;
  overheadCostPence: bigint | null;
  overheadFundedPence: bigint | null;
  reportingFrequency: 'monthly' | 'quarterly' | 'six_monthly' | 'annual' | 'end_only';
  ending: { noticeDate: string; effectiveDate: string; reason: string | null } | null;
  justifications: { arrearsPayment: string | null; singleYear: string | null; monitoring: string | null };
  publishedAt: Date | null;
  updatedAt: Date;
  payments: DemoPayment[];
  outcomes: DemoOutcome[];
};
export type DemoConsultation = { id: string; directorateId: string; title: string; startDate: string; endDate: string; rationale: string | null };
export type DemoData = {
  funders: DemoFunder[];
  directorates: DemoDirectorate[];
  organisations: DemoOrganisation[];
  awards: DemoAward[];
  consultations: DemoConsultation[];
};

/** mulberry32: small, fast and good enough for made-up data; the same seed, the same sequence. */
class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A deterministic version-4-shaped uuid. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** Estates, towns and villages of Milton Keynes with their postcode districts. */
const PLACES: [string, string][] = [
  ['Bletchley', 'MK3'], ['Fenny Stratford', 'MK2'], ['Water Eaton', 'MK2'], ['Lakes Estate', 'MK2'], ['Wolverton', 'MK12'],
  ['Stony Stratford', 'MK11'], ['Newport Pagnell', 'MK16'], ['Olney', 'MK46'], ['Woburn Sands', 'MK17'], ['Netherfield', 'MK6'],
  ['Beanhill', 'MK6'], ['Coffee Hall', 'MK6'], ['Tinkers Bridge', 'MK6'], ['Fishermead', 'MK6'], ['Oldbrook', 'MK6'],
  ['Springfield', 'MK6'], ['Eaglestone', 'MK6'], ['Conniburrow', 'MK14'], ['Great Linford', 'MK14'], ['Stantonbury', 'MK14'],
  ['Bradwell', 'MK13'], ['Heelands', 'MK13'], ['Great Holm', 'MK8'], ['Emerson Valley', 'MK4'], ['Westcroft', 'MK4'],
  ['Furzton', 'MK4'], ['Kingsmead', 'MK4'], ['Shenley Church End', 'MK5'], ['Loughton', 'MK5'], ['Walnut Tree', 'MK7'],
  ['Kents Hill', 'MK7'], ['Broughton', 'MK10'], ['Brooklands', 'MK10'], ['Monkston', 'MK10'], ['Oakgrove', 'MK15'],
  ['Willen', 'MK15'], ['Campbell Park', 'MK9'], ['Hanslope', 'MK19'], ['Sherington', 'MK16'], ['Lavendon', 'MK46'],
  ['Wavendon', 'MK17'], ['Denbigh', 'MK1'],
];

/** What local groups do, with the directorates (codes) that would fund it. */
const ACTIVITIES: { name: string; directorates: string[]; form: 'charity' | 'group' | 'company' }[] = [
  { name: 'Community Association', directorates: ['COM', 'HSG'], form: 'charity' },
  { name: 'Foodbank', directorates: ['HSG', 'COM', 'PUBH'], form: 'charity' },
  { name: 'Youth Club', directorates: ['CHF', 'CSF'], form: 'group' },
  { name: 'Carers Group', directorates: ['ASC', 'PCC'], form: 'group' },
  { name: 'Pre-School', directorates: ['CHF'], form: 'charity' },
  { name: 'Community Centre', directorates: ['COM'], form: 'charity' },
  { name: 'Football Club', directorates: ['COM', 'CSF'], form: 'company' },
  { name: "Men's Shed", directorates: ['PUBH', 'MHLDA'], form: 'group' },
  { name: 'Lunch Club', directorates: ['ASC'], form: 'group' },
  { name: 'Play Association', directorates: ['CHF', 'PUBH'], form: 'charity' },
  { name: 'Baby Bank', directorates: ['CHF', 'HSG'], form: 'charity' },
  { name: 'Community Fridge', directorates: ['HSG', 'COM'], form: 'group' },
  { name: 'Good Neighbours Scheme', directorates: ['ASC', 'PCC'], form: 'charity' },
  { name: 'Befriending Service', directorates: ['ASC', 'MHLDA'], form: 'charity' },
  { name: 'Community Garden', directorates: ['PUBH', 'COM'], form: 'group' },
  { name: 'Arts Collective', directorates: ['COM'], form: 'company' },
  { name: 'Heritage Society', directorates: ['COM'], form: 'charity' },
  { name: 'Dementia Cafe', directorates: ['ASC', 'PCC'], form: 'group' },
  { name: "Parents' Forum", directorates: ['CHF'], form: 'group' },
  { name: 'Boxing Club', directorates: ['CSF', 'PUBH'], form: 'company' },
  { name: 'Credit Union', directorates: ['HSG'], form: 'company' },
  { name: 'Wellbeing Hub', directorates: ['MHLDA', 'PUBH'], form: 'charity' },
  { name: 'Tenants and Residents Association', directorates: ['HSG'], form: 'group' },
  { name: 'Community Choir', directorates: ['COM', 'PCC'], form: 'group' },
  { name: 'Day Centre', directorates: ['ASC'], form: 'charity' },
  { name: 'Women’s Refuge Project', directorates: ['VW', 'HSG'], form: 'charity' },
  { name: 'Neighbourhood Watch Network', directorates: ['CSF'], form: 'group' },
  { name: 'Recovery Cafe', directorates: ['PUBH', 'MHLDA'], form: 'charity' },
];

/** Town-wide bodies: "Milton Keynes <name>", the ones a spreadsheet is most likely to abbreviate. */
const TOWN_WIDE: { name: string; directorates: string[]; district: string }[] = [
  { name: 'Play Association', directorates: ['CHF', 'PUBH'], district: 'MK9' },
  { name: 'Carers Network', directorates: ['ASC', 'PCC'], district: 'MK9' },
  { name: 'Refugee Support Network', directorates: ['COM', 'HSG'], district: 'MK9' },
  { name: 'Domestic Abuse Service', directorates: ['VW', 'CHF', 'HSG'], district: 'MK9' },
  { name: 'Youth Cabinet Trust', directorates: ['CHF', 'CSF'], district: 'MK9' },
  { name: 'Dyslexia Association', directorates: ['CHF'], district: 'MK6' },
  { name: 'Deaf Centre', directorates: ['ASC', 'PCC'], district: 'MK6' },
  { name: 'Mental Health Forum', directorates: ['MHLDA', 'PUBH'], district: 'MK9' },
  { name: 'Community Transport', directorates: ['ASC', 'COM'], district: 'MK12' },
  { name: 'Victim Support Project', directorates: ['VW', 'CSF'], district: 'MK9' },
  { name: 'Homeless Partnership', directorates: ['HSG', 'PUBH', 'CSF'], district: 'MK9' },
  { name: 'Autism Support Group', directorates: ['MHLDA', 'CHF'], district: 'MK13' },
  { name: 'Volunteer Centre', directorates: ['COM'], district: 'MK9' },
  { name: 'Sight Loss Society', directorates: ['ASC'], district: 'MK6' },
  { name: 'Citizens Advice Partnership', directorates: ['HSG', 'COM'], district: 'MK9' },
  { name: 'Learning Disability Alliance', directorates: ['MHLDA', 'ASC'], district: 'MK14' },
  { name: 'Sports Council', directorates: ['COM', 'PUBH'], district: 'MK9' },
  { name: 'Islamic Cultural Centre', directorates: ['COM'], district: 'MK2' },
  { name: 'African Caribbean Elders', directorates: ['ASC', 'COM'], district: 'MK6' },
  { name: 'Polish Community Association', directorates: ['COM'], district: 'MK3' },
  { name: 'Rape Crisis Service', directorates: ['VW', 'PUBH'], district: 'MK9' },
  { name: 'Bereavement Service', directorates: ['MHLDA', 'ASC'], district: 'MK5' },
  { name: 'Debt Advice Centre', directorates: ['HSG'], district: 'MK9' },
  { name: 'Stop Smoking Champions', directorates: ['PUBH'], district: 'MK9' },
  { name: 'Parent Carers Forum', directorates: ['CHF', 'ASC'], district: 'MK9' },
];

const FUNDERS: (Omit<DemoFunder, 'id'> & { directorates: Omit<DemoDirectorate, 'id' | 'funderId'>[] })[] = [
  {
    name: 'Milton Keynes City Council',
    orgId: 'GB-LAE-MIK',
    directorates: [
      { code: 'ASC', name: 'Adult Social Care', programmes: ['Carers Support', 'Day Opportunities', 'Community Support for Older People', 'Dementia Friendly MK'] },
      { code: 'CHF', name: 'Children and Families', programmes: ['Holiday Activities and Food', 'Early Help', 'Youth Services', 'Short Breaks'] },
      { code: 'PUBH', name: 'Public Health', programmes: ['Healthy Weight', 'Stop Smoking', 'Community Mental Health', 'Drug and Alcohol Recovery'] },
      { code: 'HSG', name: 'Housing and Regeneration', programmes: ['Homelessness Prevention', 'Financial Inclusion', 'Tenancy Sustainment'] },
      { code: 'COM', name: 'Communities and Culture', programmes: ['Community Grants', 'Arts and Heritage', 'Sport and Physical Activity', 'Cost of Living Support'] },
    ],
  },
  {
    name: 'NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board',
    orgId: 'GB-NHS-QHG',
    directorates: [
      { code: 'PCC', name: 'Primary and Community Care', programmes: ['Social Prescribing', 'Community Health Services'] },
      { code: 'MHLDA', name: 'Mental Health, Learning Disability and Autism', programmes: ['Community Mental Health', 'Learning Disability Support'] },
    ],
  },
  {
    name: 'Thames Valley Police and Crime Commissioner',
    orgId: 'GB-GOR-PC390',
    directorates: [
      { code: 'CSF', name: 'Community Safety Fund', programmes: ['Community Safety', 'Youth Diversion'] },
      { code: 'VW', name: 'Victims and Witnesses', programmes: ['Victim Support', 'Domestic Abuse Services'] },
    ],
  },
];

/** Outcomes valued for SROI, per programme theme; proxies are illustrative demo values. */
const PROXY_SOURCE = 'Illustrative demo value: check against the HACT Social Value Bank before use';
const OUTCOMES: { description: string; indicator: string; proxy: number }[] = [
  { description: 'people into work', indicator: 'in paid work six months later', proxy: 10000 },
  { description: 'people less isolated', indicator: 'lower UCLA loneliness score', proxy: 1500 },
  { description: 'carers able to keep caring', indicator: 'carer strain index improved', proxy: 2400 },
  { description: 'children more active', indicator: '60 active minutes a day', proxy: 900 },
  { description: 'young people diverted from crime', indicator: 'no offence in 12 months', proxy: 4500 },
  { description: 'households kept in their home', indicator: 'tenancy kept 12 months', proxy: 6000 },
  { description: 'people with better mental wellbeing', indicator: 'WEMWBS up 3 points', proxy: 3000 },
  { description: 'people out of problem debt', indicator: 'debt plan in place', proxy: 2000 },
  { description: 'victims feeling safer', indicator: 'safety score improved', proxy: 3500 },
  { description: 'people who stopped smoking', indicator: 'quit at 4 weeks (CO verified)', proxy: 1800 },
];

const INDIVIDUALS: { name: string; postcode: string }[] = [
  { name: 'Mrs Irene Walsh', postcode: 'MK6 4JR' },
  { name: 'Mr Daniel Okonkwo', postcode: 'MK3 6DT' },
  { name: 'Ms Aisha Rahman', postcode: 'MK12 5NQ' },
];

const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

// ----- dates (UTC calendar days) -----
const toIso = (d: Date) => d.toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (iso: string, n: number) => toIso(new Date(day(iso).getTime() + n * 86_400_000));
function addMonths(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return toIso(new Date(Date.UTC(Math.floor(total / 12), total % 12, Math.min(d, last))));
}
const firstOfNextMonth = (iso: string) => addMonths(`${iso.slice(0, 8)}01`, 1);

/** Whole pounds (or hundreds) as pence: realistic amounts, exact arithmetic. */
const pounds = (n: number, roundTo = 1) => BigInt(Math.max(roundTo, Math.round(n / roundTo) * roundTo)) * 100n;

/** Splits an amount into n instalments in pence, the remainder on the last, so they add up exactly. */
function split(total: bigint, n: number): bigint[] {
  const each = total / BigInt(n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? total - each * BigInt(n - 1) : each));
}

function charityNumber(r: Random, used: Set<string>): string {
  for (;;) {
    const n = String(r.int(1_050_000, 1_209_999));
    if (!used.has(n)) return used.add(n), n;
  }
}
function companyNumber(r: Random, used: Set<string>): string {
  for (;;) {
    const n = `0${r.int(4_000_000, 9_899_999)}`;
    if (!used.has(n) && n !== '01234567') return used.add(n), n;
  }
}
const postcode = (r: Random, district: string) => `${district} ${r.int(1, 9)}${r.pick([...POSTCODE_LETTERS])}${r.pick([...POSTCODE_LETTERS])}`;

/** Another directorate's way of writing the same name. */
function respell(r: Random, name: string, legal: 'charity' | 'company' | 'cic' | 'community_group'): string {
  const variants: ((s: string) => string | null)[] = [
    (s) => (s.startsWith('Milton Keynes ') ? `MK ${s.slice(14)}` : null),
    (s) => (s.includes('Association') ? s.replace('Association', 'Assoc.') : null),
    (s) => (s.includes(' and ') ? s.replace(' and ', ' & ') : null),
    (s) => (legal === 'company' || legal === 'cic' ? `${s} Ltd` : legal === 'charity' ? `${s} CIO` : null),
    (s) => `The ${s}`,
    (s) => s.toUpperCase(),
    (s) => {
      const words = s.split(' ');
      const i = words.findIndex((w) => w.length > 5);
      if (i < 0) return null;
      const w = words[i];
      words[i] = w.slice(0, 2) + w[3] + w[2] + w.slice(4); // two letters swapped, as typed in a hurry
      return words.join(' ');
    },
    (s) => (s.startsWith('Milton Keynes ') ? `M.K. ${s.slice(14)}` : null),
  ];
  for (let tries = 0; tries < 20; tries++) {
    const v = r.pick(variants)(name);
    if (v && v !== name) return v;
  }
  return `${name} (${legal === 'community_group' ? 'group' : 'charity'})`;
}

type Recipient = DemoOrganisation & { directorates: string[]; place: string; activity: string };

/** Builds the whole data set from the seed. */
export function buildDemoData(seed = DEMO_SEED): DemoData {
  const r = new Random(seed);
  const funders: DemoFunder[] = [];
  const directorates: DemoDirectorate[] = [];
  for (const f of FUNDERS) {
    const funder = { id: r.uuid(), name: f.name, orgId: f.orgId };
    funders.push(funder);
    for (const d of f.directorates) directorates.push({ id: r.uuid(), funderId: funder.id, ...d });
  }
  const byCode = new Map(directorates.map((d) => [d.code, d]));

  // ----- organisations -----
  const charities = new Set<string>();
  const companies = new Set<string>();
  const names = new Set<string>();
  const recipients: Recipient[] = [];
  const legalForm = (form: 'charity' | 'group' | 'company'): DemoOrganisation['type'] => {
    if (form === 'group') return r.chance(0.55) ? 'charity' : 'community_group';
    if (form === 'company') return r.chance(0.5) ? 'cic' : 'company';
    return 'charity';
  };
  const make = (name: string, type: DemoOrganisation['type'], district: string, dirs: string[], place: string, activity: string): Recipient => {
    const charityCompany = type === 'charity' && r.chance(0.3);
    return {
      id: r.uuid(),
      name,
      type,
      charityNumber: type === 'charity' ? charityNumber(r, charities) : null,
      companyNumber: type === 'company' || type === 'cic' || charityCompany ? companyNumber(r, companies) : null,
      orgId: null,
      postcode: postcode(r, district),
      aliases: [],
      variantOf: null,
      directorates: dirs,
      place,
      activity,
    };
  };
  for (const t of TOWN_WIDE) {
    const name = `Milton Keynes ${t.name}`;
    names.add(name);
    recipients.push(make(name, 'charity', t.district, t.directorates, 'Milton Keynes', t.name));
  }
  while (recipients.length < 255) {
    const [place, district] = r.pick(PLACES);
    const activity = r.pick(ACTIVITIES);
    const name = `${place} ${activity.name}`;
    if (names.has(name)) continue;
    names.add(name);
    recipients.push(make(name, legalForm(activity.form), district, activity.directorates, place, activity.name));
  }
  // A rename kept as an alias (DOMAIN.md 3: Age Concern MK became Age UK MK under one charity number).
  const renamed = recipients.find((o) => o.name === 'Milton Keynes Carers Network')!;
  renamed.aliases = ['Milton Keynes Carers Centre'];

  // Spelling variants: the same body entered again by a directorate that funds it too.
  const variants: Recipient[] = [];
  for (const original of recipients.filter((o) => o.directorates.length > 1)) {
    if (variants.length >= 45 || !r.chance(0.4)) continue;
    const keepsNumber = original.charityNumber !== null || original.companyNumber !== null ? r.chance(0.6) : false;
    const ids = normaliseIdentifiers({
      // Typed in another format; stored normalised, so equal numbers compare equal.
      charityNumber: keepsNumber && original.charityNumber ? r.pick([`GB-CHC-${original.charityNumber}`, ` ${original.charityNumber} `, original.charityNumber]) : null,
      companyNumber: keepsNumber && original.companyNumber ? r.pick([original.companyNumber.replace(/^0+/, ''), `GB-COH-${original.companyNumber}`]) : null,
    });
    const pc = original.postcode!;
    variants.push({
      ...original,
      id: r.uuid(),
      name: respell(r, original.name, original.type as 'charity'),
      charityNumber: ids.charityNumber,
      companyNumber: ids.companyNumber,
      postcode: r.pick([pc, pc.toLowerCase(), pc.replace(' ', '')]),
      aliases: [],
      variantOf: original.id,
      // The variant is the second directorate's record.
      directorates: original.directorates.slice(1),
    });
    original.directorates = original.directorates.slice(0, 1).concat(original.directorates.slice(1).filter(() => r.chance(0.3)));
  }
  const people: Recipient[] = INDIVIDUALS.map((p) => ({
    id: r.uuid(),
    name: p.name,
    type: 'individual',
    charityNumber: null,
    companyNumber: null,
    orgId: null,
    postcode: p.postcode,
    aliases: [],
    variantOf: null,
    directorates: ['ASC', 'CHF'],
    place: 'Milton Keynes',
    activity: 'individual',
  }));
  const everyone = [...recipients, ...variants];

  // ----- awards -----
  const awards: DemoAward[] = [];
  const years = [
    { label: '2023-24', from: '2023-04-01', to: '2024-03-31' },
    { label: '2024-25', from: '2024-04-01', to: '2025-03-31' },
    { label: '2025-26', from: '2025-04-01', to: '2026-03-31' },
  ];
  const addAward = (recipient: Recipient, code: string, year: (typeof years)[number], forced?: Partial<DemoAward>) => {
    const dir = byCode.get(code)!;
    const funder = funders.find((f) => f.id === dir.funderId)!;
    const individual = recipient.type === 'individual';
    const kind: DemoAward['kind'] = individual
      ? 'grant'
      : funder.orgId === 'GB-NHS-QHG'
        ? r.chance(0.75) ? 'contract' : 'grant'
        : r.chance(0.12) ? 'in_kind' : r.chance(0.3) ? 'contract' : 'grant';
    const amount = individual
      ? pounds(r.int(250, 2000), 50)
      : kind === 'in_kind'
        ? pounds(r.int(1500, 30000), 100)
        : kind === 'contract'
          ? pounds(Math.exp(r.next() * Math.log(900_000 / 20_000)) * 20_000, 100)
          : pounds(Math.exp(r.next() * Math.log(150_000 / 750)) * 750, r.chance(0.5) ? 100 : 1);
    const awardDate = addDays(year.from, r.int(0, 350));
    const start = individual ? addDays(awardDate, r.int(7, 28)) : firstOfNextMonth(addDays(awardDate, r.int(0, 45)));
    const months = individual ? 1 : kind === 'in_kind' ? 12 : amount < 1_000_000n ? r.pick([6, 12, 12]) : r.pick([12, 24, 36, 36, 36, 48, 60]);
    const end = addDays(addMonths(start, months), -1);
    const programme = r.pick(dir.programmes);
    const ref = `${DEMO_REFERENCE_PREFIX}${code}-${String(awards.length + 1).padStart(5, '0')}`;

    // Payments: annual or quarterly instalments, in advance unless the directorate pays in arrears.
    const payments: DemoPayment[] = [];
    if (kind !== 'in_kind') {
      const every = individual || amount < 1_000_000n ? months : kind === 'contract' ? 3 : 12;
      const count = Math.max(1, Math.ceil(months / every));
      const arrears = !individual && r.chance(0.12);
      const late = r.chance(0.1);
      split(amount, count).forEach((amountPence, i) => {
        const dueDate = arrears ? addDays(addMonths(start, every * (i + 1)), -1) : addMonths(start, every * i);
        const paidDate = dueDate <= DEMO_AS_OF ? addDays(dueDate, late && i === 0 ? r.int(12, 40) : r.int(0, 7)) : null;
        payments.push({ dueDate, amountPence, paidDate: paidDate && paidDate > DEMO_AS_OF ? null : paidDate });
      });
    }
    // Costs: most cash awards record full costs; some leave the overhead out or fund half of it.
    let direct: bigint | null = null;
    let overhead: bigint | null = null;
    let funded: bigint | null = null;
    if (kind !== 'in_kind' && !individual) {
      const costs = r.next();
      direct = (amount * 82n) / 100n;
      if (costs < 0.15) overhead = null;
      else {
        overhead = amount - direct;
        funded = costs < 0.35 ? overhead / 2n : overhead;
      }
    }
    const reportingFrequency: DemoAward['reportingFrequency'] =
      individual || kind === 'in_kind'
        ? 'end_only'
        : amount < 1_000_000n
          ? r.chance(0.8) ? 'annual' : 'quarterly'
          : amount < 10_000_000n
            ? r.pick(['six_monthly', 'six_monthly', 'annual', 'quarterly'])
            : r.pick(['quarterly', 'quarterly', 'monthly']);
    const ended = !individual && end > addMonths(start, 11) && r.chance(0.05);
    const ending = ended
      ? (() => {
          const noticeDate = addDays(start, r.int(120, 300));
          const effectiveDate = r.chance(0.35) ? addDays(noticeDate, r.int(20, 70)) : addMonths(noticeDate, 3);
          return { noticeDate, effectiveDate, reason: r.chance(0.75) ? r.pick(['Service recommissioned as part of a wider contract.', 'The programme budget was reduced in the annual budget round.', 'The organisation asked to end the agreement early.']) : null };
        })()
      : null;
    const singleYear = months < 36 && !individual && kind !== 'in_kind' && r.chance(0.3) ? 'A one-year pilot before a longer commission.' : null;
    const arrearsJustified = payments.length && payments[0].dueDate > start && r.chance(0.4) ? 'Payment on results agreed with the provider.' : null;

    // Published: only to recipients with a register number and a postcode, and never drafts.
    const registered = recipient.charityNumber !== null || recipient.companyNumber !== null;
    const draft = year.label === '2025-26' && awardDate > '2026-02-15' && r.chance(0.5);
    const publish = !draft && (individual ? r.chance(0.6) : registered && r.chance(0.55));
    const publishedAt = publish ? new Date(`${addDays(awardDate, r.int(14, 60))}T09:00:00Z`) : null;
    const effectiveEnd = ending?.effectiveDate ?? end;
    const status: DemoAward['status'] = draft ? 'draft' : ending || effectiveEnd < DEMO_AS_OF ? 'ended' : publish ? 'published' : 'awarded';

    // SROI outcomes on most grants and contracts, sized so that ratios land between about 1.5 and 5.
    const outcomes: DemoOutcome[] = [];
    if (!individual && kind !== 'in_kind' && r.chance(0.65)) {
      const n = r.int(1, 3);
      const chosen = new Set<number>();
      while (chosen.size < n) chosen.add(r.int(0, OUTCOMES.length - 1));
      for (const i of chosen) {
        const o = OUTCOMES[i];
        const target = (Number(amount) / 100) * (1.5 + r.next() * 3.5) / n;
        const years = r.int(1, 3);
        outcomes.push({
          description: o.description,
          indicator: o.indicator,
          quantity: String(Math.max(1, Math.round(target / o.proxy / (0.55 * years)))),
          financialProxy: `${o.proxy}.00`,
          proxySource: PROXY_SOURCE,
          deadweight: (r.int(5, 35) / 100).toFixed(2),
          displacement: (r.int(0, 10) / 100).toFixed(2),
          attribution: (r.int(10, 40) / 100).toFixed(2),
          dropOff: (r.int(20, 50) / 100).toFixed(2),
          durationYears: years,
        });
      }
    }
    const activity = individual ? 'a short break for a carer' : `${programme.toLowerCase()} run by ${recipient.name}`;
    const title = individual
      ? r.pick([`Carer's break grant for ${recipient.name}`, `Respite support: ${recipient.name}`])
      : `${kind === 'in_kind' ? 'Premises and staff time' : programme} ${year.label} – ${recipient.name}`;
    awards.push({
      id: r.uuid(),
      externalId: ref,
      kind,
      title,
      description: individual
        ? `One-off grant so that ${recipient.name} (${recipient.postcode}) can take ${activity}.`
        : `${kind === 'in_kind' ? 'Support in kind (premises and staff time) for' : kind === 'contract' ? 'Contract for' : 'Grant towards'} ${activity} in ${recipient.place}, ${year.label}.`,
      directorateId: dir.id,
      recipientId: recipient.id,
      programme,
      amountPence: amount,
      awardDate,
      plannedStartDate: start,
      plannedEndDate: end,
      status,
      directCostPence: direct,
      overheadCostPence: overhead,
      overheadFundedPence: funded,
      reportingFrequency,
      ending,
      justifications: { arrearsPayment: arrearsJustified, singleYear, monitoring: null },
      publishedAt,
      updatedAt: publishedAt ?? new Date(`${awardDate}T09:00:00Z`),
      payments,
      outcomes,
      ...forced,
    });
  };

  // Each body gets an award or two a year from one of its directorates; the larger ones more.
  for (const year of years)
    for (const o of everyone) {
      const roll = r.next();
      const n = roll < 0.25 ? 1 : roll < 0.72 ? 2 : r.int(3, 4);
      for (let i = 0; i < n && o.directorates.length; i++) addAward(o, r.pick(o.directorates), year);
    }
  for (const p of people) addAward(p, r.pick(p.directorates), r.pick(years));
  addAward(people[0], 'ASC', years[2]);

  // ----- consultations affecting the sector (CON-1) -----
  const consultations: DemoConsultation[] = [
    ['ASC', 'Day opportunities for adults with learning disabilities', '2024-01-08', '2024-04-01', null],
    ['CHF', 'Holiday Activities and Food programme 2025', '2024-10-01', '2024-11-26', 'Grant conditions from the Department for Education arrived late; the programme must open at Easter.'],
    ['HSG', 'Homelessness and rough sleeping strategy 2025-2030', '2024-06-03', '2024-09-02', null],
    ['COM', 'Community grants: new funding criteria', '2025-01-13', '2025-03-10', null],
    ['PUBH', 'Drug and alcohol treatment services recommissioning', '2025-05-06', '2025-07-29', null],
    ['PCC', 'Social prescribing in primary care networks', '2025-09-01', '2025-10-17', null],
    ['CSF', 'Police and crime plan: community safety priorities', '2025-02-03', '2025-04-28', null],
  ].map(([code, title, startDate, endDate, rationale]) => ({
    id: r.uuid(),
    directorateId: byCode.get(code as string)!.id,
    title: title as string,
    startDate: startDate as string,
    endDate: endDate as string,
    rationale: rationale as string | null,
  }));

  const organisations: DemoOrganisation[] = [...everyone, ...people].map(({ directorates: _d, place: _p, activity: _a, ...o }) => o);
  return { funders, directorates, organisations, awards, consultations };
}
