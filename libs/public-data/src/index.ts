export { PublicDataModule } from './public-data.module.js';
export { PublicGrantsService } from './public-grants.service.js';
export { PublicPageService, PublicPageQueryDto } from './public-page.service.js';
export { PublicGrantsQueryDto, PUBLIC_KINDS, PUBLIC_SORTS, DEFAULT_PUBLIC_SORT, type PublicKind, type PublicSort } from './dto/public-grants-query.dto.js';
export { PUBLIC_ASSETS, type PublicAsset } from './page/assets.js';
export { safeBaseUrl, type PublicRequest, type PublicResponse } from './public-response.js';
export { financialYear, financialYearOf, financialYearLabel, parseFinancialYear, type FinancialYear } from './financial-year.js';
export { PublicAwardTotal, PUBLIC_DATA_ENTITIES } from './public-award-total.entity.js';
