import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExcludeEndpoint, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/auth';
import { PUBLIC_ASSETS, PublicGrantsQueryDto, PublicGrantsService, PublicPageService, safeBaseUrl } from '@app/public-data';
import type { PublicAsset, PublicRequest, PublicResponse } from '@app/public-data';

const FILTERS =
  'Published awards only (drafts never appear); grants to individuals are shown as "Individual Recipient" with an anonymous id and no name, postcode or address. ' +
  'Filters combine with AND; `year` is a financial year (2025 = 2025-04-01 to 2026-03-31). Paginated with page and pageSize (at most 500): ' +
  'the number of matching awards is in the X-Total-Count header and the Link header points to the first, previous, next and last pages. ' +
  'Cacheable: Cache-Control public, max-age=60 and a weak ETag; send If-None-Match to get 304 when nothing changed. ' +
  'A page past the end, or a search with no match, returns an empty grants array (the 360Giving package schema requires at least one grant, so only non-empty answers are valid packages).';

const request = (req: Request): PublicRequest => ({ baseUrl: safeBaseUrl(req.protocol, req.get('host')), ifNoneMatch: req.get('if-none-match') });
const send = (res: Response) => (r: PublicResponse) => void res.status(r.status).set(r.headers).send(r.status === 304 ? undefined : r.body);
const asset = (res: Response, a: PublicAsset) =>
  void res.status(200).set({ 'Content-Type': a.contentType, 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' }).send(a.body);

/** The public who-gets-what: open data and the page. No token needed. */
@ApiTags('public')
@Public()
@Controller()
export class PublicController {
  constructor(private readonly grants: PublicGrantsService, private readonly page: PublicPageService) {}

  @Get('api/public/grants')
  @ApiOperation({ summary: 'Published awards as a 360Giving JSON package {"grants": [...]}', description: FILTERS })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'an ETag from an earlier answer: 304 when it still holds' })
  @ApiOkResponse({ description: '360Giving 1.4 package', schema: { type: 'object', required: ['grants'], properties: { grants: { type: 'array', items: { type: 'object' } } } } })
  @ApiResponse({ status: 304, description: 'not modified since the ETag sent in If-None-Match' })
  @ApiBadRequestResponse({ description: 'a filter is malformed or names an unknown funder or directorate; each message names the field' })
  json(@Query() q: PublicGrantsQueryDto, @Req() req: Request, @Res() res: Response) { return this.grants.json(q, request(req)).then(send(res)); }

  @Get('api/public/grants.csv')
  @ApiOperation({ summary: 'The same awards as CSV with 360Giving column titles (Identifier, Title, Amount Awarded, Recipient Org:Name …)', description: FILTERS })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'UTF-8 CSV with a byte-order mark, one row per award, downloaded as grants.csv or grants-<funder org-id>.csv',
    content: { 'text/csv': { schema: { type: 'string', example: 'Identifier,Title,Description,Currency,Amount Awarded,Award Date,…' } } },
  })
  @ApiBadRequestResponse({ description: 'as for the JSON' })
  csv(@Query() q: PublicGrantsQueryDto, @Req() req: Request, @Res() res: Response) { return this.grants.csv(q, request(req)).then(send(res)); }

  @Get() @ApiExcludeEndpoint()
  home(@Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response) { return this.page.render(q, request(req)).then(send(res)); }

  @Get('assets/public.css') @ApiExcludeEndpoint() css(@Res() res: Response) { asset(res, PUBLIC_ASSETS.css); }
  @Get('assets/public.js') @ApiExcludeEndpoint() js(@Res() res: Response) { asset(res, PUBLIC_ASSETS.js); }
}
