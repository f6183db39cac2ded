import { Module } from '@nestjs/common';
import { PublicCache } from './public-cache.js';
import { PublicGrantsQuery } from './public-grants.query.js';
import { PublicGrantsService } from './public-grants.service.js';
import { PublicPageService } from './public-page.service.js';
import { PublicReader } from './public-reader.js';
import { PublicDataVersion } from './public-version.js';

/** Published awards for anyone, without an account: the open API and the who-gets-what page. */
@Module({
  providers: [PublicCache, PublicGrantsQuery, PublicDataVersion, PublicReader, PublicGrantsService, PublicPageService],
  exports: [PublicGrantsService, PublicPageService],
})
export class PublicDataModule {}
