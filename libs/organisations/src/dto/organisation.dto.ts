import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { ORGANISATION_TYPES, Organisation } from '../organisation.entity.js';
import type { OrganisationType } from '../organisation.entity.js';

const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Milton Keynes Play Association' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: '1234567', description: 'Charity Commission number; GB-CHC-1234567 is accepted too' })
  @Transform(trimOrNull) @IsOptional() @Matches(/^(GB-(CHC|SC|NIC)-)?(SC)?\d{5,8}(-\d+)?$/i, { message: 'must be a charity number such as 1234567 or GB-CHC-1234567' })
  charityNumber?: string | null;

  @ApiPropertyOptional({ example: '05123456', description: 'Companies House number; 5123456 and GB-COH-05123456 are accepted too' })
  @Transform(trimOrNull) @IsOptional() @Matches(/^(GB-COH-)?[A-Z]{0,2}\d{1,8}$/i, { message: 'must be a company number such as 05123456 or GB-COH-05123456' })
  companyNumber?: string | null;

  @ApiPropertyOptional({ example: 'GB-CHC-1234567' })
  @Transform(trimOrNull) @IsOptional() @Matches(/^[A-Za-z0-9]{2,}-[A-Za-z0-9]+-\S+$/, { message: 'must be an org-id such as GB-CHC-1234567' }) @MaxLength(100)
  orgId?: string | null;

  @ApiPropertyOptional({ example: 'MK9 3XS' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase().replace(/\s+/g, ' ') || null : value))
  @IsOptional() @Matches(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, { message: 'must be a UK postcode such as MK9 3XS' })
  postcode?: string | null;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES, default: 'community_group' })
  @IsOptional() @IsIn(ORGANISATION_TYPES as unknown as string[], { message: `must be one of ${ORGANISATION_TYPES.join(', ')}` })
  type?: OrganisationType;

  @ApiPropertyOptional({ type: [String], example: ['MK Play Assoc.'] })
  @IsOptional() @IsArray({ message: 'must be a list of names' }) @ArrayMaxSize(50)
  @IsString({ each: true }) @MaxLength(300, { each: true })
  aliases?: string[];
}
export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export class OrganisationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'name, alias, charity/company number or org-id' })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional() @IsIn(ORGANISATION_TYPES as unknown as string[], { message: `must be one of ${ORGANISATION_TYPES.join(', ')}` })
  type?: OrganisationType;
}

export const toOrganisationResponse = (o: Organisation) => ({
  id: o.id,
  name: o.name,
  type: o.type,
  charityNumber: o.charityNumber,
  companyNumber: o.companyNumber,
  orgId: o.orgId,
  postcode: o.postcode,
  aliases: o.aliases,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
});
export type OrganisationResponse = ReturnType<typeof toOrganisationResponse>;
