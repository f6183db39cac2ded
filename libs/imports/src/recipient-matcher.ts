import type { EntityManager } from 'typeorm';
import type { ImportedGrant } from './parsing/index.js';
import { auditActorOf, type ImportActor } from './import-options.js';
import { newRecordId } from './record-id.js';
import { UuidList } from './uuid-list.js';

type Recipient = ImportedGrant['recipient'];
/** An organisation as the matcher reads it (and as the award's compliance check needs its recipient). */
export type OrgRow = { id: string; type: string; charity_number: string | null; company_number: string | null; org_id: string | null; name: string; postcode: string | null };

export const normalOrgName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
const postcodeKey = (postcode: string | null) => (postcode ? postcode.replace(/\s+/g, '').toUpperCase() : '');
/** GB-CHC-1234567 → GB-CHC: two org-ids of one scheme that differ name different bodies. */
const scheme = (orgId: string) => orgId.split('-').slice(0, 2).join('-');
const hasIdentifiers = (r: Recipient | OrgRow) =>
  'kind' in r ? Boolean(r.charityNumber || r.companyNumber || r.orgId) : Boolean(r.charity_number || r.company_number || r.org_id);

/** An organisation's type from the identifiers it arrives with. */
export function organisationType(r: Recipient): string {
  if (r.kind === 'individual') return 'individual';
  if (r.charityNumber || r.orgId?.startsWith('GB-CHC-') || r.orgId?.startsWith('GB-SC-') || r.orgId?.startsWith('GB-NIC-')) return 'charity';
  if (r.companyNumber || r.orgId?.startsWith('GB-COH-')) return 'company';
  return 'community_group';
}

/** Equal identifiers match; a different identifier of the same scheme means a different body (DOMAIN.md 3). */
function conflicts(r: Recipient, o: OrgRow): boolean {
  if (r.charityNumber && o.charity_number && r.charityNumber !== o.charity_number) return true;
  if (r.companyNumber && o.company_number && r.companyNumber !== o.company_number) return true;
  return Boolean(r.orgId && o.org_id && r.orgId !== o.org_id && scheme(r.orgId) === scheme(o.org_id));
}

/** The identifier that decides first for a recipient: charity number, company number, org-id, else name and postcode. */
function primaryKey(r: Recipient): string | null {
  if (r.kind === 'individual') return r.orgId ? `ind:${r.orgId}` : null;
  if (r.charityNumber) return `chc:${r.charityNumber}`;
  if (r.companyNumber) return `coh:${r.companyNumber}`;
  if (r.orgId) return `oid:${r.orgId}`;
  return `np:${normalOrgName(r.name)}|${postcodeKey(r.postcode)}`;
}

/** Organisations indexed by each identifier and by name and postcode, in the order given (oldest first). */
class OrgIndex {
  private readonly byKey = new Map<string, OrgRow[]>();

  constructor(rows: OrgRow[] = []) {
    for (const row of rows) this.add(row);
  }

  get size() {
    return this.byKey.size;
  }

  add(o: OrgRow): void {
    const keys =
      o.type === 'individual'
        ? [o.org_id && `ind:${o.org_id}`]
        : [o.charity_number && `chc:${o.charity_number}`, o.company_number && `coh:${o.company_number}`, o.org_id && `oid:${o.org_id}`, `np:${normalOrgName(o.name)}|${postcodeKey(o.postcode)}`];
    for (const key of keys) {
      if (!key) continue;
      const list = this.byKey.get(key);
      if (!list) this.byKey.set(key, [o]);
      else if (!list.includes(o)) list.push(o);
    }
  }

  /** The best match: charity number first, then company number, then org-id, then name and postcode. */
  find(r: Recipient): OrgRow | undefined {
    if (r.kind === 'individual') return r.orgId ? this.byKey.get(`ind:${r.orgId}`)?.[0] : undefined;
    if (hasIdentifiers(r)) {
      const usable = (key: string | null) => (key ? this.byKey.get(key)?.find((o) => !conflicts(r, o)) : undefined);
      return usable(r.charityNumber && `chc:${r.charityNumber}`) ?? usable(r.companyNumber && `coh:${r.companyNumber}`) ?? usable(r.orgId && `oid:${r.orgId}`);
    }
    return this.byKey.get(`np:${normalOrgName(r.name)}|${postcodeKey(r.postcode)}`)?.[0];
  }

  /** A match through the recipient's deciding identifier only: what a database lookup would choose too. */
  findByPrimaryKey(r: Recipient): OrgRow | undefined {
    const key = primaryKey(r);
    const found = key ? this.byKey.get(key)?.[0] : undefined;
    return found && (r.kind === 'individual' || !conflicts(r, found)) ? found : undefined;
  }
}

/**
 * The organisations an import has created, noted as it creates them: their awards need no duplicate
 * flags inside the import (ImportBatchWriter.runAwardHooks), because the organisation match job
 * queued once the import commits re-clusters them and recomputes their flags. A temporary table of
 * the import's transaction, gone when it ends.
 */
export const CREATED_ORGANISATIONS = 'pg_temp.import_created_organisations';

/** How many identifier keys the importer remembers between batches before it starts afresh (~200 bytes each). */
const REMEMBERED_KEYS = 50_000;

/**
 * Finds the organisation of each imported grant's recipient, creating those not yet known:
 * by normalised identifier (charity number, company number, org-id), else by exact normalised name
 * and postcode; an individual by the file's anonymous id, as an organisation of type `individual`.
 * One query per batch finds the candidates; one statement creates the new ones with their audit
 * entries (and notes them in CREATED_ORGANISATIONS). Existing organisations are not changed (people may have corrected them).
 */
export class RecipientMatcher {
  /** the organisations this import created, 16 bytes each (a million-row file may create 200,000) */
  private readonly createdIds = new UuidList();
  /** Organisations met earlier in this import: most files name each recipient many times. */
  private remembered = new OrgIndex();

  get created(): number {
    return this.createdIds.length;
  }

  /** The ids of the organisations created, for the organisation hooks once the import has committed. */
  createdOrganisationIds(): string[] {
    return this.createdIds.toArray();
  }

  constructor(
    private readonly m: EntityManager,
    private readonly actor: ImportActor,
    private readonly importId: string,
  ) {}

  /** Call once, in the import's transaction, before the first resolve. */
  async start(): Promise<void> {
    await this.m.query(`CREATE TEMPORARY TABLE import_created_organisations (id uuid PRIMARY KEY) ON COMMIT DROP`);
  }

  /** The organisation of each recipient, in order. */
  async resolve(recipients: Recipient[]): Promise<OrgRow[]> {
    if (this.remembered.size > REMEMBERED_KEYS) this.remembered = new OrgIndex();
    const ids: (OrgRow | undefined)[] = recipients.map((r) => this.remembered.findByPrimaryKey(r));
    const unknown = recipients.filter((_, i) => !ids[i]);
    if (!unknown.length) return ids as OrgRow[];
    const known = new OrgIndex(await this.candidates(unknown));
    const fresh: OrgRow[] = [];
    recipients.forEach((r, i) => {
      if (ids[i]) return;
      let found = known.find(r);
      if (!found) {
        found = {
          id: newRecordId(), type: organisationType(r), name: r.name || 'Unnamed recipient',
          charity_number: r.charityNumber, company_number: r.companyNumber, org_id: r.orgId, postcode: r.postcode,
        };
        fresh.push(found);
        known.add(found);
      }
      this.remembered.add(found);
      ids[i] = found;
    });
    if (fresh.length) await this.create(fresh);
    return ids as OrgRow[];
  }

  private async candidates(recipients: Recipient[]): Promise<OrgRow[]> {
    const charity = new Set<string>();
    const company = new Set<string>();
    const orgIds = new Set<string>();
    const names = new Set<string>();
    const postcodes = new Set<string>();
    let withoutPostcode = false;
    for (const r of recipients) {
      if (r.charityNumber) charity.add(r.charityNumber);
      if (r.companyNumber) company.add(r.companyNumber);
      if (r.orgId) orgIds.add(r.orgId);
      if (r.kind === 'organisation' && !hasIdentifiers(r)) {
        names.add(normalOrgName(r.name));
        if (r.postcode) {
          postcodes.add(r.postcode);
          postcodes.add(postcodeKey(r.postcode));
        } else withoutPostcode = true;
      }
    }
    // One SELECT per way of matching, joined by UNION: ORed together, the conditions made the planner
    // scan the whole table for every batch (so an import slowed as the register grew); apart, each
    // is an index scan.
    const branches: string[] = [];
    const params: unknown[] = [];
    const select = (where: string) => branches.push(`SELECT id, type, charity_number, company_number, org_id, name, postcode, created_at FROM organisations WHERE ${where}`);
    const param = (values: unknown[]) => `$${params.push(values)}::text[]`;
    if (charity.size) select(`charity_number = ANY(${param([...charity])})`);
    if (company.size) select(`company_number = ANY(${param([...company])})`);
    if (orgIds.size) select(`org_id = ANY(${param([...orgIds])})`);
    if (names.size) {
      const name = `lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = ANY(${param([...names])})`;
      if (postcodes.size) select(`postcode = ANY(${param([...postcodes])}) AND ${name}`);
      if (withoutPostcode) select(`postcode IS NULL AND ${name}`);
    }
    if (!branches.length) return [];
    return (await this.m.query(
      `SELECT id, type, charity_number, company_number, org_id, name, postcode FROM (${branches.join(' UNION ')}) o ORDER BY created_at, id`,
      params,
    )) as OrgRow[];
  }

  /** The new organisations and one audit entry each, in one statement. */
  private async create(rows: OrgRow[]): Promise<void> {
    const actor = auditActorOf(this.actor);
    await this.m.query(
      `WITH created AS (
         INSERT INTO organisations (id, name, type, charity_number, company_number, org_id, postcode)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         RETURNING id, name, type, charity_number, company_number, org_id, postcode),
       noted AS (INSERT INTO ${CREATED_ORGANISATIONS} (id) SELECT id FROM created)
       INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, before, after)
       SELECT $8::uuid, $9, 'create', 'organisation', c.id::text, NULL,
              jsonb_build_object('id', c.id, 'name', c.name, 'type', c.type, 'charityNumber', c.charity_number, 'companyNumber', c.company_number,
                                 'orgId', c.org_id, 'postcode', c.postcode, 'aliases', '[]'::jsonb, 'source', 'import', 'importId', $10::text)
         FROM created c`,
      [
        rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.type), rows.map((r) => r.charity_number),
        rows.map((r) => r.company_number), rows.map((r) => r.org_id), rows.map((r) => r.postcode),
        actor?.id ?? null, actor?.email ?? 'system', this.importId,
      ],
    );
    for (const r of rows) this.createdIds.push(r.id);
  }
}
