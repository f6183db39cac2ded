import { Injectable } from '@nestjs/common';
import { funderFileStem, toGrant, toPackage } from '@app/open-data';
import { DEFAULT_PUBLIC_SORT, type PublicGrantsQueryDto } from './dto/public-grants-query.dto.js';
import type { PublicCatalogue } from './public-grants.query.js';
import { grantsCsv } from './grants-csv.js';
import type { PublicSelection } from './public-filter.js';
import { PublicReader } from './public-reader.js';
import { etagMatches, notModified, PUBLIC_CACHE_CONTROL, type PublicRequest, type PublicResponse, weakEtag } from './public-response.js';

/** Open data for anyone: published awards as a 360Giving package (JSON) or flattened (CSV). */
@Injectable()
export class PublicGrantsService {
  constructor(private readonly reader: PublicReader) {}

  json(dto: PublicGrantsQueryDto, req: PublicRequest): Promise<PublicResponse> {
    return this.respond('json', dto, req);
  }

  csv(dto: PublicGrantsQueryDto, req: PublicRequest): Promise<PublicResponse> {
    return this.respond('csv', dto, req);
  }

  private async respond(format: 'json' | 'csv', dto: PublicGrantsQueryDto, req: PublicRequest): Promise<PublicResponse> {
    const { version, catalogue } = await this.reader.snapshot();
    const s = this.reader.resolve(dto, catalogue);
    const etag = weakEtag(version, [format, s, req.baseUrl]);
    const path = format === 'json' ? '/api/public/grants' : '/api/public/grants.csv';
    const headers: Record<string, string> = {
      'Cache-Control': PUBLIC_CACHE_CONTROL,
      ETag: etag,
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'ETag, X-Total-Count, Link',
    };
    if (etagMatches(req.ifNoneMatch, etag)) return notModified(headers);
    return this.reader.response(etag, async () => {
      const { summary, awards } = await this.reader.select(version, s);
      const settings = this.reader.settings(req.baseUrl);
      const grants = awards.map((a) => toGrant(a, settings));
      const more: Record<string, string> = { 'X-Total-Count': String(summary.count), Link: linkHeader(req.baseUrl + path, s, catalogue, summary.count) };
      if (format === 'json')
        return { status: 200, headers: { ...headers, ...more, 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(toPackage(grants)) };
      const funder = s.funderId ? catalogue.funders.find((f) => f.id === s.funderId) : undefined;
      const filename = `${funder ? funderFileStem(funder.orgId) : 'grants'}${s.page > 1 ? `-page-${s.page}` : ''}.csv`;
      return {
        status: 200,
        headers: { ...headers, ...more, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` },
        body: grantsCsv(grants),
      };
    });
  }
}

/** RFC 8288 links to the first, previous, next and last pages, with the same filters written canonically. */
function linkHeader(url: string, s: PublicSelection, catalogue: PublicCatalogue, total: number): string {
  const last = Math.max(1, Math.ceil(total / s.pageSize));
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.funderId) params.set('funder', catalogue.funders.find((f) => f.id === s.funderId)?.orgId ?? s.funderId);
  if (s.directorateId) params.set('directorate', s.directorateId);
  if (s.year !== undefined) params.set('year', String(s.year));
  if (s.kind) params.set('kind', s.kind);
  if (s.sort !== DEFAULT_PUBLIC_SORT) params.set('sort', s.sort);
  params.set('pageSize', String(s.pageSize));
  const at = (page: number) => {
    params.set('page', String(page));
    return `<${url}?${params.toString()}>`;
  };
  const links = [`${at(1)}; rel="first"`];
  if (s.page > 1) links.push(`${at(Math.min(s.page - 1, last))}; rel="prev"`);
  if (s.page < last) links.push(`${at(s.page + 1)}; rel="next"`);
  links.push(`${at(last)}; rel="last"`);
  return links.join(', ');
}
