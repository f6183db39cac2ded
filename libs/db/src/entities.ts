import { AUDIT_ENTITIES } from '@app/audit';
import { AUTH_ENTITIES } from '@app/auth';
import { AWARDS_ENTITIES } from '@app/awards';
import { COMPLIANCE_ENTITIES } from '@app/compliance';
import { CONSOLE_ENTITIES } from '@app/console';
import { DUPLICATES_ENTITIES } from '@app/duplicates';
import { FUNDERS_ENTITIES } from '@app/funders';
import { ORGANISATIONS_ENTITIES } from '@app/organisations';
import { PUBLIC_DATA_ENTITIES } from '@app/public-data';

/** Every entity, listed explicitly (no globs: they break under bundling). */
export const ENTITIES = [...AUTH_ENTITIES, ...AUDIT_ENTITIES, ...FUNDERS_ENTITIES, ...ORGANISATIONS_ENTITIES, ...AWARDS_ENTITIES, ...COMPLIANCE_ENTITIES, ...CONSOLE_ENTITIES, ...PUBLIC_DATA_ENTITIES, ...DUPLICATES_ENTITIES];
