import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { RowError } from './parsing/index.js';
import { auditActorOf, type ImportActor } from './import-options.js';
import { fieldTitle } from './import-row-validator.js';
import type { PendingGrant } from './pending-grant.js';

/** The directorate of grants whose file gives no Funding Org:Department. */
export const NO_DEPARTMENT_DIRECTORATE = 'General';

type FunderRow = { id: string; name: string };
type DirectorateRow = { id: string; name: string; code: string };
type FunderEntry = { funder: FunderRow; byName: Map<string, DirectorateRow>; byCode: Map<string, DirectorateRow> };

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'to', 'in', 'on', '&']);
const normalName = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * A directorate code from its name: the initials of its main words (Culture, Leisure and Sport →
 * CLS), made unique under the funder with a number (CLS2).
 */
export function directorateCode(name: string, taken: (code: string) => boolean): string {
  const words = name.split(/[^A-Za-z0-9&]+/).filter((w) => w && !SMALL_WORDS.has(w.toLowerCase()));
  let base = words.map((w) => w[0]).join('').toUpperCase().slice(0, 8);
  if (words.length === 1) base = words[0].toUpperCase().slice(0, 8);
  if (!/^[A-Z0-9]/.test(base)) base = 'DIR';
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}${n}`)) return `${base}${n}`;
}

/**
 * Places each imported grant in a directorate: the funder by its org-id (created, with the file's
 * name, when new), the directorate by its name under that funder (or its code), created with a
 * generated code when new. A commissioner creates neither: rows for a funder or directorate that
 * does not exist, or for a directorate that is not theirs, are refused with a reason.
 * One per import; it remembers what it has looked up, so each funder costs one query.
 */
export class FunderDirectory {
  private readonly funders = new Map<string, FunderEntry | null>();
  fundersCreated = 0;
  directoratesCreated = 0;

  constructor(
    private readonly m: EntityManager,
    private readonly audit: AuditService,
    private readonly actor: ImportActor,
    private readonly importId: string,
  ) {}

  /** The directorate id of each grant, or why the row is refused. */
  async place(grants: PendingGrant[]): Promise<(string | RowError)[]> {
    const out: (string | RowError)[] = [];
    for (const g of grants) out.push(await this.placeOne(g));
    return out;
  }

  private async placeOne(p: PendingGrant): Promise<string | RowError> {
    const { funder: f } = p.grant;
    const entry = this.funders.get(f.orgId) ?? (await this.loadFunder(f.orgId, f.name));
    if (!entry)
      return this.refuse(p, 'fundingOrganization[0].id', f.orgId, `is not a funder in the system: only an admin can import grants of a new funder; ask an admin to add it or to import this row`);
    const department = f.department ?? NO_DEPARTMENT_DIRECTORATE;
    let directorate = entry.byName.get(normalName(department)) ?? entry.byCode.get(department.trim().toUpperCase());
    if (!directorate) {
      if (this.actor?.role === 'commissioner')
        return this.refuse(
          p,
          'fundingOrganization[0].department',
          f.department,
          `${f.department ? 'is not' : 'is empty, so the grant belongs to the directorate General, which is not'} a directorate of ${entry.funder.name} yet: only an admin can add a directorate; ask an admin to add it or to import this row`,
        );
      directorate = await this.createDirectorate(entry, department);
    }
    if (this.actor?.role === 'commissioner' && !this.actor.directorateIds.includes(directorate.id))
      return this.refuse(
        p,
        'fundingOrganization[0].department',
        f.department,
        `is the directorate ${directorate.name} (${directorate.code}), which is not one of yours: you may import grants of your own directorates only; ask an admin to import this row or to give you this directorate`,
      );
    return directorate.id;
  }

  private refuse(p: PendingGrant, path: string, value: unknown, reason: string): RowError {
    return { row: p.row, field: fieldTitle(path, p.columnTitles), value: value ?? null, reason };
  }

  private async loadFunder(orgId: string, name: string): Promise<FunderEntry | null> {
    let [funder] = (await this.m.query(`SELECT id, name FROM funders WHERE org_id = $1`, [orgId])) as FunderRow[];
    if (!funder) {
      if (this.actor?.role === 'commissioner') {
        this.funders.set(orgId, null);
        return null;
      }
      [funder] = (await this.m.query(`INSERT INTO funders (name, org_id) VALUES ($1, $2) RETURNING id, name`, [name, orgId])) as FunderRow[];
      this.fundersCreated++;
      await this.audit.record(this.m, auditActorOf(this.actor), 'create', 'funder', funder.id, null, { id: funder.id, name, orgId, source: 'import', importId: this.importId });
    }
    const rows = (await this.m.query(`SELECT id, name, code FROM directorates WHERE funder_id = $1 ORDER BY created_at, id`, [funder.id])) as DirectorateRow[];
    const entry: FunderEntry = { funder, byName: new Map(), byCode: new Map() };
    for (const d of rows) this.remember(entry, d);
    this.funders.set(orgId, entry);
    return entry;
  }

  private remember(entry: FunderEntry, d: DirectorateRow): void {
    if (!entry.byName.has(normalName(d.name))) entry.byName.set(normalName(d.name), d);
    entry.byCode.set(d.code.toUpperCase(), d);
  }

  private async createDirectorate(entry: FunderEntry, department: string): Promise<DirectorateRow> {
    const name = department.trim().replace(/\s+/g, ' ');
    const code = directorateCode(name, (c) => entry.byCode.has(c));
    const [d] = (await this.m.query(`INSERT INTO directorates (funder_id, code, name) VALUES ($1, $2, $3) RETURNING id, name, code`, [entry.funder.id, code, name])) as DirectorateRow[];
    this.remember(entry, d);
    this.directoratesCreated++;
    await this.audit.record(this.m, auditActorOf(this.actor), 'create', 'directorate', d.id, null, {
      id: d.id, funderId: entry.funder.id, code, name, source: 'import', importId: this.importId,
    });
    return d;
  }
}
