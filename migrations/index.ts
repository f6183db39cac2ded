import { InitialSchema1795481243018 } from './1795481243018-InitialSchema.js';
import { ConsoleSessions1795482968713 } from './1795482968713-ConsoleSessions.js';
import { ComplianceEngine1795483252746 } from './1795483252746-ComplianceEngine.js';
import { PublicData1795483324563 } from './1795483324563-PublicData.js';
import { DuplicateFunding1795485001013 } from './1795485001013-DuplicateFunding.js';
import { SplitComplianceFindings1795490357604 } from './1795490357604-SplitComplianceFindings.js';
import { DuplicateFlagContentHash1795490907886 } from './1795490907886-DuplicateFlagContentHash.js';
import { AwardListIndexes1795492028243 } from './1795492028243-AwardListIndexes.js';
import { AwardComplianceStatusFromResults1795492185512 } from './1795492185512-AwardComplianceStatusFromResults.js';
import { PublicDataNotify1795492426194 } from './1795492426194-PublicDataNotify.js';
import { AwardCountsWithoutCompliance1795496524618 } from './1795496524618-AwardCountsWithoutCompliance.js';
import { DropRedundantAwardIndexes1795499765654 } from './1795499765654-DropRedundantAwardIndexes.js';

/** Every migration, in order. Add new ones here (generated with `npm run migration:generate`). */
export const MIGRATIONS = [InitialSchema1795481243018, ConsoleSessions1795482968713, ComplianceEngine1795483252746, PublicData1795483324563, DuplicateFunding1795485001013, SplitComplianceFindings1795490357604, DuplicateFlagContentHash1795490907886, AwardListIndexes1795492028243, AwardComplianceStatusFromResults1795492185512, PublicDataNotify1795492426194, AwardCountsWithoutCompliance1795496524618, DropRedundantAwardIndexes1795499765654];
