import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError, flattenValidationErrors, type ErrorDetail } from '@app/common';
import { toGrant } from '@app/open-data';
import { DEFAULT_PUBLIC_SORT, PUBLIC_SORTS, PublicGrantsQueryDto, type PublicSort } from './dto/public-grants-query.dto.js';
import { PUBLIC_ASSETS } from './page/assets.js';
import { DEFAULT_PAGE_SIZE, renderPublicPage, type PageState } from './page/public-page.js';
import type { PublicSelection } from './public-filter.js';
import { PublicReader } from './public-reader.js';
import { etagMatches, notModified, PUBLIC_CACHE_CONTROL, type PublicRequest, type PublicResponse, weakEtag } from './public-response.js';

/** The page's query: the API's filters, 25 awards a page. */
export class PublicPageQueryDto extends PublicGrantsQueryDto {
  override pageSize: number = DEFAULT_PAGE_SIZE;
}

/** Everything is served from this product; nothing inline runs, so injected markup could not either. */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** GET / : the who-gets-what page, rendered on the server from the URL's filters. */
@Injectable()
export class PublicPageService {
  constructor(private readonly reader: PublicReader) {}

  async render(raw: Record<string, unknown>, req: PublicRequest): Promise<PublicResponse> {
    const { version, catalogue } = await this.reader.snapshot();
    // Empty fields mean "all"; unknown parameters (fbclid, utm_*) are ignored, not refused: links get shared.
    const input = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined));
    const dto = plainToInstance(PublicPageQueryDto, input);
    const errors: ErrorDetail[] = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: false }));
    let selection: PublicSelection | undefined;
    if (!errors.length) {
      try {
        selection = this.reader.resolve(dto, catalogue);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VALIDATION') throw e;
        errors.push(...(e.details ?? []));
      }
    }
    const state = pageState(input, dto, catalogue.funders, errors);
    if (!selection) {
      const years = await this.reader.years(version);
      const body = renderPublicPage({ state, catalogue, years, errors });
      return { status: 400, headers: { ...PAGE_HEADERS, 'Cache-Control': 'no-store' }, body };
    }
    const etag = weakEtag(version, ['page', selection, PUBLIC_ASSETS.css.version, PUBLIC_ASSETS.js.version]);
    const headers = { ...PAGE_HEADERS, 'Cache-Control': PUBLIC_CACHE_CONTROL, ETag: etag };
    if (etagMatches(req.ifNoneMatch, etag)) return notModified(headers);
    return this.reader.response(etag, async () => {
      const [years, { summary, awards }] = await Promise.all([this.reader.years(version), this.reader.select(version, selection)]);
      const settings = this.reader.settings(req.baseUrl);
      const rows = awards.map((a) => ({ grant: toGrant(a, settings), amountPence: a.amountAwardedPence, kind: a.kind }));
      return { status: 200 as const, headers, body: renderPublicPage({ state, catalogue, years, summary, rows }) };
    });
  }
}

/** The filters as the page shows them: valid ones normalised, a refused one as the person typed it. */
function pageState(
  input: Record<string, unknown>,
  dto: PublicPageQueryDto,
  funders: { id: string; orgId: string }[],
  errors: ErrorDetail[],
): PageState {
  const bad = new Set(errors.map((e) => e.field));
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string).trim() : '');
  const funder = funders.find((f) => f.id === text('funder').toLowerCase() || f.orgId.toUpperCase() === text('funder').toUpperCase());
  return {
    q: text('q'),
    funder: funder && !bad.has('funder') ? funder.orgId : text('funder'),
    directorate: text('directorate'),
    year: text('year'),
    kind: text('kind'),
    sort: !bad.has('sort') && PUBLIC_SORTS.includes(dto.sort as PublicSort) ? (dto.sort as PublicSort) : DEFAULT_PUBLIC_SORT,
    page: !bad.has('page') && Number.isInteger(dto.page) ? dto.page : 1,
    pageSize: !bad.has('pageSize') && Number.isInteger(dto.pageSize) ? dto.pageSize : DEFAULT_PAGE_SIZE,
  };
}
