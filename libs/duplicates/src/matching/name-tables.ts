/**
 * Word tables for organisation-name normalisation (DOMAIN.md section 3). Keys and values are
 * lower-case tokens after punctuation has been stripped ('M.K.' has already become 'mk').
 */

/**
 * Local and common abbreviations (and ordinals written as words), one token to its full words.
 * The only place 'mk' is expanded. 'st' here is 'street'; a 'St' that is a saint has already
 * become 'saint' (see normaliseName).
 */
export const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  mk: ['milton', 'keynes'],
  st: ['street'],
  assoc: ['association'],
  assn: ['association'],
  asscn: ['association'],
  ctr: ['centre'],
  cntr: ['centre'],
  ctre: ['centre'],
  center: ['centre'],
  grp: ['group'],
  comm: ['community'],
  cmty: ['community'],
  cmnty: ['community'],
  soc: ['society'],
  vol: ['voluntary'],
  org: ['organisation'],
  orgn: ['organisation'],
  organization: ['organisation'],
  organizations: ['organisations'],
  natl: ['national'],
  intl: ['international'],
  dev: ['development'],
  svcs: ['services'],
  servs: ['services'],
  sch: ['school'],
  acad: ['academy'],
  fdn: ['foundation'],
  fdtn: ['foundation'],
  cttee: ['committee'],
  hse: ['house'],
  mem: ['memorial'],
  yth: ['youth'],
  fc: ['football', 'club'],
  rfc: ['rugby', 'football', 'club'],
  wi: ['womens', 'institute'],
  cab: ['citizens', 'advice'],
  first: ['1st'],
  second: ['2nd'],
  third: ['3rd'],
  fourth: ['4th'],
  fifth: ['5th'],
  sixth: ['6th'],
  seventh: ['7th'],
  eighth: ['8th'],
  ninth: ['9th'],
  tenth: ['10th'],
};

/**
 * Multi-word phrases rewritten after abbreviations are expanded: compounds written apart, and the
 * 2015 renaming of Citizens Advice Bureaux. An empty replacement removes the phrase.
 */
export const PHRASES: ReadonlyArray<readonly [readonly string[], readonly string[]]> = [
  [['charitable', 'incorporated', 'organisation'], []],
  [['community', 'interest', 'company'], []],
  [['company', 'limited', 'by', 'guarantee'], []],
  [['limited', 'by', 'guarantee'], []],
  [['registered', 'charity'], []],
  [['citizens', 'advice', 'bureau'], ['citizens', 'advice']],
  [['citizens', 'advice', 'bureaux'], ['citizens', 'advice']],
  [['food', 'bank'], ['foodbank']],
  [['pre', 'school'], ['preschool']],
  [['play', 'group'], ['playgroup']],
  [['home', 'start'], ['homestart']],
  [['dial', 'a', 'ride'], ['dialaride']],
  [['co', 'op'], ['cooperative']],
  [['co', 'operative'], ['cooperative']],
];

/** Legal-form words that say nothing about which organisation it is; dropped wherever they stand. */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'ltd', 'limited', 'cio', 'cic', 'plc', 'llp', 'inc', 'incorporated',
]);

/**
 * Words so common in voluntary-sector names that they carry little identity, whatever the corpus
 * says ('trust' is kept as a token but weighs little). Their weight is capped by genericTokenWeight.
 */
export const GENERIC_TOKENS: ReadonlySet<string> = new Set([
  'the', 'and', 'of', 'for', 'in', 'at', 'on', 'to',
  'trust', 'association', 'community', 'society', 'group', 'club', 'centre', 'charity', 'foundation',
  'project', 'organisation', 'services', 'network', 'partnership', 'fund', 'uk', 'friends',
]);
