import { Injectable } from '@nestjs/common';
import { AppError, todayUtc, type ErrorDetail } from '@app/common';
import { AppConfig } from '@app/config';
import type { PublishableAward, PublishSettings } from '@app/open-data';
import { DEFAULT_PUBLIC_SORT, type PublicGrantsQueryDto } from './dto/public-grants-query.dto.js';
import { parseFinancialYear } from './financial-year.js';
import { PublicCache } from './public-cache.js';
import type { PublicFilter, PublicSelection } from './public-filter.js';
import { PublicCatalogue, PublicGrantsQuery, PublicSummary } from './public-grants.query.js';
import type { PublicResponse } from './public-response.js';
import { PublicDataVersion } from './public-version.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The shared part of the public API and page: the data version, the catalogue of funders and
 * directorates, filter look-ups (an unknown funder or directorate is a 400 naming the field) and the
 * cached summaries.
 */
@Injectable()
export class PublicReader {
  constructor(
    private readonly query: PublicGrantsQuery,
    private readonly cache: PublicCache,
    private readonly config: AppConfig,
    private readonly version: PublicDataVersion,
  ) {}

  /** The data version and the catalogue that goes with it. */
  async snapshot(): Promise<{ version: string; catalogue: PublicCatalogue }> {
    const version = await this.version.get();
    const catalogue = await this.cache.data.get(`catalogue|${version}`, () => this.query.catalogue());
    return { version, catalogue };
  }

  /** Validated query -> ids. Every unknown funder or directorate is reported, each naming its field. */
  resolve(dto: PublicGrantsQueryDto, catalogue: PublicCatalogue): PublicSelection {
    const errors: ErrorDetail[] = [];
    let funderId: string | undefined;
    if (dto.funder) {
      const wanted = dto.funder.trim();
      const funder = UUID_RE.test(wanted)
        ? catalogue.funders.find((f) => f.id === wanted.toLowerCase())
        : catalogue.funders.find((f) => f.orgId.toUpperCase() === wanted.toUpperCase());
      if (funder) funderId = funder.id;
      else errors.push({ field: 'funder', reason: `no funder has the id or org-id "${wanted}": leave it out, or pick a funder on the public page (/)` });
    }
    if (dto.directorate && !catalogue.directorates.some((d) => d.id === dto.directorate!.toLowerCase()))
      errors.push({ field: 'directorate', reason: `no directorate has the id "${dto.directorate}": leave it out, or pick a directorate on the public page (/)` });
    if (errors.length) throw new AppError('VALIDATION', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);
    return {
      q: dto.q || undefined,
      funderId,
      directorateId: dto.directorate?.toLowerCase(),
      year: dto.year ? (parseFinancialYear(dto.year) ?? undefined) : undefined,
      kind: dto.kind,
      sort: dto.sort ?? DEFAULT_PUBLIC_SORT,
      page: dto.page,
      pageSize: dto.pageSize,
    };
  }

  /** Count, total and groups of a filter, computed once per data version. */
  summary(version: string, f: PublicFilter): Promise<PublicSummary> {
    const key = JSON.stringify([f.q ?? null, f.funderId ?? null, f.directorateId ?? null, f.year ?? null, f.kind ?? null]);
    return this.cache.data.get(`summary|${version}|${key}`, () => this.query.summary(filterOf(f)));
  }

  /** The summary of a selection's filter and its page of awards (a search's plan depends on its count). */
  async select(version: string, s: PublicSelection): Promise<{ summary: PublicSummary; awards: PublishableAward[] }> {
    const summary = this.summary(version, filterOf(s));
    const awards = s.q ? summary.then((sum) => this.query.page(s, sum.count)) : this.query.page(s, 0);
    // Both awaited together: when one fails, the other's failure is still handled (an unhandled
    // rejection, say of a page query cancelled with its summary, would stop the process).
    const [sum, page] = await Promise.all([summary, awards]);
    return { summary: sum, awards: page };
  }

  /** Financial years with published awards, newest first. */
  async years(version: string): Promise<number[]> {
    const all = await this.summary(version, {});
    return [...new Set(all.groups.map((g) => g.year).filter((y): y is number => y !== null))].sort((a, b) => b - a);
  }

  /** A finished answer, made once per ETag while it stays in memory. */
  response(etag: string, make: () => Promise<PublicResponse>): Promise<PublicResponse> {
    return this.cache.responses.get(etag, make);
  }

  settings(baseUrl: string): PublishSettings {
    return { idPrefix: this.config.GRANT_ID_PREFIX, dataSource: `${baseUrl}/`, asOf: todayUtc() };
  }
}

/** The filter part of a selection (paging and sort left out). */
export function filterOf(s: PublicFilter): PublicFilter {
  return { q: s.q, funderId: s.funderId, directorateId: s.directorateId, year: s.year, kind: s.kind };
}
