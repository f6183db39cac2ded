import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { PageQueryDto } from '@app/common';
import { Directorate, Funder } from '../funder.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateFunderDto {
  @ApiProperty({ example: 'Milton Keynes City Council' })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(300)
  name: string;

  @ApiProperty({ example: 'GB-LAE-MIK', description: 'org-id of the public body (org-id.guide)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}-[A-Z0-9]+-[A-Z0-9][A-Z0-9._-]*$/, { message: 'must be an org-id such as GB-LAE-MIK or GB-NHS-QHG' })
  orgId: string;
}
export class UpdateFunderDto extends PartialType(CreateFunderDto) {}

export class CreateDirectorateDto {
  @ApiProperty() @IsUUID('all', { message: 'must be a funder id (uuid)' }) funderId: string;

  @ApiProperty({ example: 'ASC' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, { message: 'must be a short code of letters and digits, e.g. ASC' })
  code: string;

  @ApiProperty({ example: 'Adult Social Care' })
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(300)
  name: string;
}
export class UpdateDirectorateDto extends PartialType(CreateDirectorateDto) {}

export class DirectorateQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a funder id (uuid)' }) funderId?: string;
}

export const toFunderResponse = (f: Funder) => ({
  id: f.id,
  name: f.name,
  orgId: f.orgId,
  createdAt: f.createdAt.toISOString(),
  updatedAt: f.updatedAt.toISOString(),
});
export type FunderResponse = ReturnType<typeof toFunderResponse>;

export const toDirectorateResponse = (d: Directorate) => ({
  id: d.id,
  funderId: d.funderId,
  funderName: d.funder?.name ?? null,
  code: d.code,
  name: d.name,
});
export type DirectorateResponse = ReturnType<typeof toDirectorateResponse>;
