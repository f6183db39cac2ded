/**
 * Seeds a benchmark database with realistic rows in a few set-based SQL statements
 * (INSERT … SELECT over generate_series): no row goes through Node, so a million awards take
 * seconds, not minutes. Deterministic: ids derive from md5 of the row number, random() is seeded.
 *
 * The shape, per issue 10 and DOMAIN.md section 3:
 * - 12 funders (councils, NHS, police, fire) × 5 directorates = 60 directorates.
 * - `organisations` recipients named like a town's voluntary sector ("Bletchley Carers Association");
 *   every fifth is the previous one written differently by another directorate (abbreviated,
 *   with a legal suffix, with a typo, or renamed with the old name as an alias), sharing its
 *   identifier or its postcode; 3 % are generic names ("Olney Village Hall") shared by different
 *   bodies with different charity numbers; 2 % are individuals.
 * - `awards` awards, most from the recipient's "home" directorate, 5 % from another one, so some
 *   organisations are funded by two directorates at once; awards to the variant spellings come from
 *   a different home directorate (only entity resolution finds those). Payments 1-4 per award,
 *   costs, reporting frequency, endings for ended awards; every tenth award has 3 SROI outcomes.
 */
import pg from 'pg';

export const FUNDERS = 12;
export const DIRECTORATES_PER_FUNDER = 5;
export const DIRECTORATES = FUNDERS * DIRECTORATES_PER_FUNDER;
/** Every n-th award carries outcomes (3 each): 100k of 1M awards, the SROI benchmark's size. */
export const OUTCOME_EVERY = 10;
export const OUTCOMES_PER_AWARD = 3;

const SEEDED_TABLES = ['funders', 'directorates', 'organisations', 'awards', 'award_payments', 'award_outcomes'];

export type SeedSize = { awards: number; organisations: number };
export type SeedCounts = { funders: number; directorates: number; organisations: number; awards: number; payments: number; outcomes: number };

/** A deterministic id shaped as a version-4 UUID (md5 of a row key with the version and variant nibbles set), as the API's validators expect. */
export const uid = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;

export const sqlArray = (items: string[]) => `ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;

export const TOWNS = [
  'Milton Keynes', 'Bedford', 'Luton', 'Northampton', 'Peterborough', 'Aylesbury', 'Buckingham', 'Wolverton', 'Bletchley', 'Newport Pagnell',
  'Olney', 'Stony Stratford', 'Dunstable', 'Leighton Buzzard', 'Kettering', 'Corby', 'Wellingborough', 'Daventry', 'Towcester', 'Brackley',
  'Banbury', 'Bicester', 'Oxford', 'Reading', 'Watford', 'Hemel Hempstead', 'Stevenage', 'Hitchin', 'Letchworth', 'Cambridge',
  'Ely', 'Huntingdon', 'St Neots', 'Biggleswade', 'Ampthill', 'Flitwick', 'Woburn Sands', 'Winslow', 'Thame', 'Witney',
];
const QUALIFIERS = ['', 'North', 'South', 'East', 'West', 'Central', 'Fishermead', 'Bradwell'];
export const THEMES = [
  'Play', 'Youth', 'Carers', 'Foodbank', 'Mental Health', 'Refugee', "Women's", "Men's Shed", 'Community', 'Arts',
  'Music', 'Dance', 'Theatre', 'Football', 'Cricket', 'Boxing', 'Gardening', 'Allotment', 'Heritage', 'Wildlife',
  'Dementia', 'Autism', 'Disability', 'Deaf', 'Sight Loss', "Older People's", 'Bereavement', 'Homeless', 'Housing', 'Debt Advice',
  'Citizens Advice', 'Volunteer', 'Credit Union', 'Parents', 'Toddler', 'Breastfeeding', 'Domestic Abuse', 'Recovery', 'Veterans', 'Scouts',
  'Guides', 'Chinese Community', "Asian Women's", 'African Caribbean', 'Polish', 'Islamic Centre', 'Sikh', 'Churches Together',
];
export const FORMS = ['Association', 'Trust', 'Group', 'Project', 'Centre', 'Club', 'Network', 'Society', 'Forum', 'Partnership', 'Foundation', 'Collective', 'Hub', 'Alliance'];
const FIRST = ['Jane', 'John', 'Amir', 'Priya', 'Tomasz', 'Grace', 'Kwame', 'Siobhan', 'Wei', 'Fatima'];
const LAST = ['Smith', 'Jones', 'Khan', 'Patel', 'Nowak', 'Okafor', 'Murphy', 'Chen', 'Ahmed', 'Taylor'];
export const FUNDER_NAMES = [
  ['Milton Keynes City Council', 'GB-LAE-MIK'], ['Bedford Borough Council', 'GB-LAE-BDF'], ['Luton Borough Council', 'GB-LAE-LUT'],
  ['West Northamptonshire Council', 'GB-LAE-WNH'], ['Peterborough City Council', 'GB-LAE-PTE'], ['Buckinghamshire Council', 'GB-LAE-BUC'],
  ['Central Bedfordshire Council', 'GB-LAE-CBF'], ['North Northamptonshire Council', 'GB-LAE-NNH'],
  ['NHS Bedfordshire, Luton and Milton Keynes ICB', 'GB-NHS-QHG'], ['NHS Northamptonshire ICB', 'GB-NHS-QPM'],
  ['Thames Valley Police and Crime Commissioner', 'GB-GOR-PC390'], ['Bedfordshire Fire and Rescue Authority', 'GB-GOR-PC411'],
];
export const DIRECTORATE_NAMES = [
  ['CHF', 'Children and Families'], ['ASC', 'Adult Social Care'], ['PH', 'Public Health'], ['COM', 'Communities'], ['ENV', 'Environment and Leisure'],
];
export const PROGRAMMES = [
  'Holiday Activities and Food', 'Early Help', 'Youth Services', 'Carers Support', 'Community Mental Health', 'Social Prescribing',
  'Day Opportunities', 'Healthy Lifestyles', 'Drug and Alcohol Recovery', 'Community Cohesion', 'Tackling Loneliness', 'Welfare Advice',
  'Warm Spaces', 'Parks and Open Spaces', 'Arts and Culture', 'Sport for All', 'Domestic Abuse Services', 'Refugee Resettlement',
  'Volunteering Infrastructure', 'Food Security', 'Homelessness Prevention', 'Dementia Friendly', 'Employability', 'Digital Inclusion',
  'Community Safety', 'Violence Reduction', 'Fire Safety in the Home', 'Heritage Grants', 'Small Grants', 'Transformation Fund',
];
const OUTCOMES = [
  ['Young people in education, employment or training', 'Participants in EET six months on', '9000.00', 'HACT Social Value Bank'],
  ['Reduced social isolation of older people', 'Participants reporting less loneliness', '1850.00', 'HACT Social Value Bank'],
  ['Fewer A&E attendances', 'Avoided attendances', '359.00', 'GMCA Unit Cost Database'],
  ['Improved mental wellbeing', 'WEMWBS improvement of 3 points', '3000.00', 'Wellbeing valuation (HM Treasury Green Book supplementary)'],
  ['Households kept out of temporary accommodation', 'Prevented placements', '12600.00', 'GMCA Unit Cost Database'],
];

/** One statement per table; `progress` hears which step runs. */
export async function seed(url: string, size: SeedSize, progress: (line: string) => void = () => {}): Promise<SeedCounts> {
  const c = new pg.Client({ connectionString: url, application_name: 'bench-seed' });
  await c.connect();
  const N = size.organisations;
  const M = size.awards;
  try {
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(`SELECT setseed(0.42)`);
    // Bulk load: the product's secondary indexes (btree, trigram GIN, …) are dropped and built
    // again afterwards from their own definitions, which is much faster than maintaining them row
    // by row; the schema ends exactly as the migrations made it.
    const { rows: indexes } = await c.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
        WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [SEEDED_TABLES],
    );
    for (const ix of indexes) await c.query(`DROP INDEX ${ix.name}`);

    progress('funders and directorates');
    await c.query(
      `INSERT INTO funders (id, name, org_id)
       SELECT ${uid(`'funder' || f`)}, (${sqlArray(FUNDER_NAMES.map((x) => x[0]))})[f], (${sqlArray(FUNDER_NAMES.map((x) => x[1]))})[f]
         FROM generate_series(1, ${FUNDERS}) f`,
    );
    await c.query(
      `INSERT INTO directorates (id, funder_id, code, name)
       SELECT ${uid(`'dir' || d`)}, ${uid(`'funder' || (1 + (d - 1) / ${DIRECTORATES_PER_FUNDER})`)},
              (${sqlArray(DIRECTORATE_NAMES.map((x) => x[0]))})[1 + (d - 1) % ${DIRECTORATES_PER_FUNDER}],
              (${sqlArray(DIRECTORATE_NAMES.map((x) => x[1]))})[1 + (d - 1) % ${DIRECTORATES_PER_FUNDER}]
         FROM generate_series(1, ${DIRECTORATES}) d`,
    );

    progress(`${N.toLocaleString('en-GB')} organisations`);
    // b: the real organisation this row is (every fifth row is the previous one spelled differently).
    // idx: a bijection of b over 40 towns × 8 qualifiers × 48 themes × 14 forms, so base names are unique.
    await c.query(
      `WITH o AS MATERIALIZED (
         SELECT g, CASE WHEN g % 5 = 0 THEN g - 1 ELSE g END AS b, (g / 5) % 4 AS vk FROM generate_series(1, ${N}) g
       ), p AS MATERIALIZED (
         SELECT o.*, (b::bigint * 7919) % 215040 AS idx, b % 100 AS tb FROM o
       ), n AS MATERIALIZED (
         SELECT p.*,
           (${sqlArray(TOWNS)})[1 + idx % 40] AS town,
           (${sqlArray(QUALIFIERS)})[1 + (idx / 40) % 8] AS qual,
           (${sqlArray(THEMES)})[1 + (idx / 320) % 48] AS theme,
           (${sqlArray(FORMS)})[1 + (idx / 15360) % 14] AS form,
           CASE WHEN tb < 50 THEN 'charity' WHEN tb < 62 THEN 'company' WHEN tb < 70 THEN 'cic'
                WHEN tb < 92 THEN 'community_group' WHEN tb < 98 THEN 'public_body' ELSE 'individual' END AS type,
           upper((${sqlArray(['MK', 'LU', 'NN', 'PE', 'OX', 'HP', 'SG', 'CB', 'MK', 'MK'])})[1 + b % 10]) || (1 + b % 19) || ' ' || (1 + b % 9)
             || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + b % 20, 1) || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (b / 20) % 20, 1) AS postcode
         FROM p
       ), base AS MATERIALIZED (
         SELECT n.*,
           CASE WHEN type = 'individual' THEN (${sqlArray(FIRST)})[1 + b % 10] || ' ' || (${sqlArray(LAST)})[1 + (b / 10) % 10]
                WHEN tb IN (3, 33, 63) THEN town || ' Village Hall'
                ELSE town || CASE WHEN qual = '' THEN '' ELSE ' ' || qual END || ' ' || theme || ' ' || form END AS bname,
           CASE WHEN type = 'charity' THEN (1000000 + b)::text END AS charity,
           CASE WHEN type IN ('company', 'cic') THEN lpad(((b::bigint * 13) % 9000000 + 100000)::text, 8, '0') END AS company
         FROM n
       )
       INSERT INTO organisations (id, name, type, charity_number, company_number, org_id, postcode, aliases)
       SELECT ${uid(`'org' || g`)},
         CASE WHEN g = b OR type = 'individual' THEN bname
              WHEN vk = 0 THEN replace(replace(replace(replace(bname, 'Milton Keynes', 'MK'), 'Association', 'Assoc.'), 'Community', 'Comm.'), ' and ', ' & ')
              WHEN vk = 1 THEN upper(bname) || ' LTD'
              WHEN vk = 2 THEN overlay(bname placing '' from 4 for 1)
              ELSE town || ' ' || (${sqlArray(THEMES)})[1 + (idx / 320 + 7) % 48] || ' ' || form END,
         type,
         CASE WHEN g = b OR vk IN (0, 3) THEN charity END,
         CASE WHEN g = b OR vk IN (0, 3) THEN company END,
         CASE WHEN g <> b AND vk NOT IN (0, 3) THEN NULL
              WHEN charity IS NOT NULL AND b % 2 = 0 THEN 'GB-CHC-' || charity
              WHEN company IS NOT NULL AND b % 2 = 0 THEN 'GB-COH-' || company END,
         CASE WHEN type = 'individual' THEN NULL ELSE postcode END,
         CASE WHEN g <> b AND vk = 3 AND type <> 'individual' THEN ARRAY[bname] ELSE '{}'::text[] END
       FROM base`,
    );

    progress(`${M.toLocaleString('en-GB')} awards`);
    // home directorate per organisation; variant spellings are another directorate's record of it.
    await c.query(
      `WITH s AS MATERIALIZED (
         SELECT a, 1 + floor(${N} * power(random(), 1.6))::int AS org, random() AS u1, random() AS u2, random() AS u3
           FROM generate_series(1, ${M}) a
       ), t AS MATERIALIZED (
         SELECT s.*,
           CASE WHEN u1 < 0.05 THEN 1 + (org * 11 + a) % ${DIRECTORATES}
                WHEN org % 5 = 0 THEN 1 + ((org - 1) * 7 + 23) % ${DIRECTORATES}
                ELSE 1 + (org * 7) % ${DIRECTORATES} END AS dir,
           50000 + floor(power(u2, 3) * 49950000)::bigint AS pence,
           date '2020-01-01' + floor(u3 * 2350)::int AS award_date,
           (ARRAY[6, 12, 12, 12, 24, 36, 36, 48])[1 + a % 8] AS months,
           CASE WHEN (a / 20) % 20 = 0 THEN 'in_kind' WHEN (a / 20) % 20 <= 5 THEN 'contract' ELSE 'grant' END AS kind,
           CASE a % 20 WHEN 0 THEN 'draft' WHEN 1 THEN 'awarded' WHEN 2 THEN 'awarded' WHEN 3 THEN 'ended' ELSE 'published' END AS status
         FROM s
       ), d AS MATERIALIZED (
         SELECT t.*, award_date + a % 60 AS start_date,
           (award_date + a % 60 + make_interval(months => months) - interval '1 day')::date AS end_date,
           (${sqlArray(PROGRAMMES)})[1 + (dir * 3 + a % 3) % ${PROGRAMMES.length}] AS programme
         FROM t
       )
       INSERT INTO awards (id, external_id, kind, title, description, directorate_id, recipient_organisation_id, programme,
         amount_awarded_pence, award_date, planned_start_date, planned_end_date, status,
         direct_cost_pence, overhead_cost_pence, overhead_funded_pence, reporting_frequency,
         ending_notice_date, ending_effective_date, ending_reason,
         justification_arrears_payment, justification_single_year, justification_monitoring, published_at)
       SELECT ${uid(`'award' || a`)},
         CASE WHEN a % 2 = 0 THEN '360G-bench-' || a END,
         kind,
         programme || ' ' || extract(year FROM award_date) || '-' || lpad(((extract(year FROM award_date)::int + 1) % 100)::text, 2, '0'),
         'Funding from the ' || programme || ' programme for ' || months || ' months of work with local residents.',
         ${uid(`'dir' || dir`)}, ${uid(`'org' || org`)}, programme,
         pence, award_date, start_date, end_date, status,
         CASE WHEN kind = 'in_kind' THEN NULL ELSE (pence * 85) / 100 END,
         CASE WHEN kind = 'in_kind' THEN NULL WHEN a % 7 = 0 THEN 0 ELSE (pence * 18) / 100 END,
         CASE WHEN kind = 'in_kind' THEN NULL WHEN a % 7 = 0 THEN 0 WHEN a % 3 = 0 THEN (pence * 9) / 100 ELSE (pence * 18) / 100 END,
         (ARRAY['monthly', 'quarterly', 'six_monthly', 'annual', 'end_only'])[1 + a % 5],
         CASE WHEN status = 'ended' THEN (end_date - make_interval(months => 2 + 2 * (a % 2)))::date END,
         CASE WHEN status = 'ended' THEN end_date END,
         CASE WHEN status = 'ended' AND a % 3 <> 0 THEN 'The programme came to its planned end.' END,
         CASE WHEN a % 11 = 0 THEN 'Paid quarterly in arrears at the recipient''s request.' END,
         CASE WHEN months < 36 AND a % 4 = 0 THEN 'A one-year pilot before a longer commission.' END,
         NULL,
         CASE WHEN status IN ('published', 'ended') THEN award_date::timestamptz END
       FROM d`,
    );

    progress('payments');
    await c.query(
      `WITH a AS (
         SELECT id, amount_awarded_pence AS pence, planned_start_date AS s, planned_end_date AS e, 1 + (amount_awarded_pence % 4)::int AS n
           FROM awards
       )
       INSERT INTO award_payments (award_id, position, due_date, amount_pence, paid_date)
       SELECT id, p, s + (p - 1) * (e - s) / n + CASE WHEN p = 1 AND pence % 5 = 0 THEN 30 ELSE 0 END,
         CASE WHEN p < n THEN pence / n ELSE pence - (n - 1) * (pence / n) END,
         CASE WHEN s + (p - 1) * (e - s) / n < date '2026-11-01' THEN s + (p - 1) * (e - s) / n + (p * 7 + (pence % 40)::int) % 45 END
       FROM a CROSS JOIN generate_series(1, 4) p WHERE p <= n`,
    );

    progress('outcomes');
    await c.query(
      `INSERT INTO award_outcomes (award_id, position, description, indicator, quantity, financial_proxy, proxy_source,
         deadweight, displacement, attribution, drop_off, duration_years)
       SELECT ${uid(`'award' || a`)}, k,
         (${sqlArray(OUTCOMES.map((o) => o[0]))})[1 + (a + k) % 5], (${sqlArray(OUTCOMES.map((o) => o[1]))})[1 + (a + k) % 5],
         5 + (a + k) % 40, (${sqlArray(OUTCOMES.map((o) => o[2]))})[1 + (a + k) % 5]::numeric, (${sqlArray(OUTCOMES.map((o) => o[3]))})[1 + (a + k) % 5],
         ((a + k) % 10) * 0.05, ((a * 3 + k) % 5) * 0.05, ((a + 2 * k) % 9) * 0.05, ((a + k) % 6) * 0.05, 1 + (a + k) % 5
       FROM generate_series(${OUTCOME_EVERY}, ${M}, ${OUTCOME_EVERY}) a CROSS JOIN generate_series(1, ${OUTCOMES_PER_AWARD}) k`,
    );

    progress(`rebuilding ${indexes.length} indexes`);
    for (const ix of indexes) await c.query(ix.def);
    // The state autovacuum leaves a live database in after a bulk load (statistics, and the
    // visibility map that lets index-only scans skip the heap); the bench server runs without
    // autovacuum so that no background vacuum lands inside a measurement.
    progress('VACUUM ANALYZE');
    await c.query('VACUUM (ANALYZE)');
    const { rows } = await c.query(
      `SELECT (SELECT count(*) FROM funders)::int AS funders, (SELECT count(*) FROM directorates)::int AS directorates,
              (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM awards)::int AS awards,
              (SELECT count(*) FROM award_payments)::int AS payments, (SELECT count(*) FROM award_outcomes)::int AS outcomes`,
    );
    return rows[0] as SeedCounts;
  } finally {
    await c.end();
  }
}

/**
 * A SELECT producing `rows` grants as a 360Giving CSV would carry them (official column titles),
 * for the import benchmark: recipients among rows ÷ 5 organisations (half with a charity number),
 * funders and departments as in the seeded databases. Written to a file with psql's \copy.
 */
export function importCsvQuery(rows: number): string {
  const orgs = Math.max(1, Math.floor(rows / 5));
  return `SELECT '360G-bench-import-' || g AS "Identifier",
      programme || ' ' || (2020 + g % 6) || ': ' || theme || ' work' AS "Title",
      'Funding from the ' || programme || ' programme for ' || lower(theme) || ' work in ' || town || '.' AS "Description",
      'GBP' AS "Currency",
      to_char((50000 + (g::bigint * 7919) % 49950000) / 100.0, 'FM999999990.00') AS "Amount Awarded",
      (date '2020-01-01' + g % 2350)::text AS "Award Date",
      (date '2020-01-01' + g % 2350 + 14)::text AS "Planned Dates:Start Date",
      (date '2020-01-01' + g % 2350 + 14 + (ARRAY[181, 364, 729, 1094])[1 + g % 4])::text AS "Planned Dates:End Date",
      CASE WHEN org % 2 = 0 THEN 'GB-CHC-' || (1000000 + org) ELSE '360G-bench-org-' || org END AS "Recipient Org:Identifier",
      town || ' ' || theme || ' ' || form AS "Recipient Org:Name",
      CASE WHEN org % 2 = 0 THEN (1000000 + org)::text END AS "Recipient Org:Charity Number",
      upper((ARRAY['MK', 'LU', 'NN', 'PE', 'OX'])[1 + org % 5]) || (1 + org % 19) || ' ' || (1 + org % 9) || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + org % 20, 1) || 'X' AS "Recipient Org:Postal Code",
      (${sqlArray(FUNDER_NAMES.map((x) => x[1]))})[1 + fd / ${DIRECTORATES_PER_FUNDER}] AS "Funding Org:Identifier",
      (${sqlArray(FUNDER_NAMES.map((x) => x[0]))})[1 + fd / ${DIRECTORATES_PER_FUNDER}] AS "Funding Org:Name",
      (${sqlArray(DIRECTORATE_NAMES.map((x) => x[1]))})[1 + fd % ${DIRECTORATES_PER_FUNDER}] AS "Funding Org:Department",
      programme AS "Grant Programme:Title",
      '2026-01-15T09:00:00+00:00' AS "Last Modified"
    FROM generate_series(1, ${rows}) g,
      LATERAL (SELECT (1 + (g::bigint * 2654435761) % ${orgs})::int AS org, (g * 7) % ${DIRECTORATES} AS fd) k,
      LATERAL (SELECT (${sqlArray(TOWNS)})[1 + org % 40] AS town, (${sqlArray(THEMES)})[1 + (org / 40) % 48] AS theme,
                      (${sqlArray(FORMS)})[1 + (org / 1920) % 14] AS form, (${sqlArray(PROGRAMMES)})[1 + (fd * 3 + g % 3) % ${PROGRAMMES.length}] AS programme) n`;
}

/** The typed table the import's baseline COPY loads the same CSV into (one column per CSV column). */
export const COPY_BASELINE_TABLE = `CREATE TABLE bench_copy_baseline (
  identifier text, title text, description text, currency text, amount_awarded numeric(14,2), award_date date,
  planned_start date, planned_end date, recipient_id text, recipient_name text, charity_number text, postal_code text,
  funder_id text, funder_name text, funder_department text, programme text, last_modified timestamptz)`;
