import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, registerDecorator } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { parseFinancialYear } from '../financial-year.js';

export const PUBLIC_KINDS = ['grant', 'contract', 'in_kind'] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

/** `-` first means descending. Ties are broken by the award's id so pages never overlap. */
export const PUBLIC_SORTS = ['-awardDate', 'awardDate', '-amount', 'amount', 'recipient', '-recipient'] as const;
export type PublicSort = (typeof PUBLIC_SORTS)[number];
export const DEFAULT_PUBLIC_SORT: PublicSort = '-awardDate';

/** An empty form field (`?funder=`) means "no filter", so a shared URL may carry every key. */
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

function IsFinancialYear() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isFinancialYear',
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseFinancialYear(value) !== null,
        defaultMessage: () => 'must be a financial year written 2025 or 2025-26 (1 April 2025 to 31 March 2026)',
      },
    });
}

/** The public filters, shared by the open API and the who-gets-what page (whose URL carries them). */
export class PublicGrantsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'Words to find in the recipient\'s name, the award\'s title or its programme (case-insensitive), or a recipient identifier: ' +
      'a charity number (1234567), a company number (05123456) or an org-id (GB-CHC-1234567, GB-COH-05123456). ' +
      'Grants to individuals are found only by their programme, never by a person\'s name.',
    maxLength: 200,
    example: 'foodbank',
  })
  @Transform(emptyToUndefined) @IsOptional() @IsString({ message: 'must be text' }) @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'A funder: its id (uuid) or its org-id, e.g. GB-LAE-MIK', example: 'GB-LAE-MIK' })
  @Transform(emptyToUndefined) @IsOptional() @IsString({ message: 'must be text' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,99}$/, { message: 'must be a funder id (uuid) or an org-id such as GB-LAE-MIK' })
  funder?: string;

  @ApiPropertyOptional({ description: 'A directorate id (uuid)', format: 'uuid' })
  @Transform(emptyToUndefined) @IsOptional() @IsUUID('all', { message: 'must be a directorate id (uuid)' })
  directorate?: string;

  @ApiPropertyOptional({
    description:
      'A UK financial year (April to March) by the calendar year it starts in: 2025 (or 2025-26) means award dates ' +
      'from 2025-04-01 to 2026-03-31 inclusive. Calendar years are not offered: councils budget by financial year.',
    example: '2025',
    pattern: '^\\d{4}(-\\d{2})?$',
  })
  @Transform(emptyToUndefined) @IsOptional() @IsFinancialYear()
  year?: string;

  @ApiPropertyOptional({ enum: PUBLIC_KINDS, description: 'grant, contract or in_kind (support in kind at its valued amount)' })
  @Transform(emptyToUndefined) @IsOptional() @IsIn(PUBLIC_KINDS as unknown as string[], { message: `must be one of ${PUBLIC_KINDS.join(', ')}` })
  kind?: PublicKind;

  @ApiPropertyOptional({ enum: PUBLIC_SORTS, default: DEFAULT_PUBLIC_SORT, description: 'award date, amount or recipient name; a leading - sorts descending' })
  @Transform(emptyToUndefined) @IsOptional() @IsIn(PUBLIC_SORTS as unknown as string[], { message: `must be one of ${PUBLIC_SORTS.join(', ')}` })
  sort?: PublicSort;
}
