import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, ValidateBy, type ValidationArguments } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { FLAG_SEVERITIES, FLAG_STATUSES } from '../duplicates.entities.js';
import type { FlagSeverity, FlagStatus } from '../duplicates.entities.js';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FlagQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'flags with an award from this funder' }) @IsOptional() @IsUUID('all', { message: 'must be a funder id (uuid)' }) funderId?: string;
  @ApiPropertyOptional({ description: 'flags with an award from this directorate' }) @IsOptional() @IsUUID('all', { message: 'must be a directorate id (uuid)' }) directorateId?: string;
  @ApiPropertyOptional({ description: 'flags of the real organisation this record belongs to' }) @IsOptional() @IsUUID('all', { message: 'must be an organisation id (uuid)' }) organisationId?: string;
  @ApiPropertyOptional({ enum: FLAG_SEVERITIES }) @IsOptional() @IsIn(FLAG_SEVERITIES as unknown as string[], { message: `must be one of ${FLAG_SEVERITIES.join(', ')}` }) severity?: FlagSeverity;
  @ApiPropertyOptional({ enum: FLAG_STATUSES }) @IsOptional() @IsIn(FLAG_STATUSES as unknown as string[], { message: `must be one of ${FLAG_STATUSES.join(', ')}` }) status?: FlagStatus;
}

const NEEDS_NOTE = new Set(['justified', 'confirmed']);

/** One message per case: a note is text of at most 4000 characters, and required for justified and confirmed. */
function IsReviewNote() {
  return ValidateBy({
    name: 'isReviewNote',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        if (value === undefined || value === null || value === '') return !NEEDS_NOTE.has((args?.object as ReviewFlagDto).status);
        return typeof value === 'string' && value.length <= 4000;
      },
      defaultMessage: (args?: ValidationArguments) =>
        typeof args?.value === 'string' && args.value.length > 4000
          ? 'must be at most 4000 characters'
          : args?.value === undefined || args?.value === null || args?.value === ''
            ? 'is required when marking a flag justified or confirmed: say why the funding is complementary or what was double-funded'
            : 'must be text',
    },
  });
}

export class ReviewFlagDto {
  @ApiProperty({ enum: FLAG_STATUSES, description: 'justified: complementary funding; confirmed: double funding of the same cost; resolved: dealt with' })
  @IsIn(FLAG_STATUSES as unknown as string[], { message: `must be one of ${FLAG_STATUSES.join(', ')}` })
  status: FlagStatus;

  @ApiPropertyOptional({ description: 'required for justified and confirmed: why, in words the next reviewer will understand', example: 'Complementary: A funds the holiday scheme, B the after-school club' })
  @Transform(trimmed)
  @IsReviewNote()
  note?: string;
}

class FlagOrganisationView {
  @ApiProperty({ description: "the real organisation's id: the smallest id among its records" }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'every organisation record that is this organisation' }) memberIds: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } }) members: { id: string; name: string }[];
}

class FlagDirectorateView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() funderId: string;
  @ApiProperty() funder: string;
}

class FlagAwardView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() kind: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) programme: string | null;
  @ApiProperty() organisationId: string;
  @ApiProperty() directorateId: string;
  @ApiProperty({ example: '95000.00' }) amount: string;
  @ApiProperty({ nullable: true, type: String }) awardDate: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedStartDate: string | null;
  @ApiProperty({ nullable: true, type: String }) plannedEndDate: string | null;
}

export class FlagResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: FlagOrganisationView }) organisation: FlagOrganisationView;
  @ApiProperty({ type: [FlagDirectorateView] }) directorates: FlagDirectorateView[];
  @ApiProperty({ type: [FlagAwardView], description: 'the awards that overlap an award of another directorate' }) awards: FlagAwardView[];
  @ApiProperty({ example: '190000.00', description: 'the flagged awards together, in pounds' }) totalAmount: string;
  @ApiProperty({ example: '2025-04-01' }) overlapFrom: string;
  @ApiProperty({ example: '2026-03-31' }) overlapTo: string;
  @ApiProperty({ type: Object, description: '{identity: [{organisationIds, names, source, confidence, evidence}], overlaps: [{awardIds, directorates, from, to, severity, reason}], overlappingPairs}' })
  evidence: unknown;
  @ApiProperty({ enum: FLAG_SEVERITIES }) severity: FlagSeverity;
  @ApiProperty({ enum: FLAG_STATUSES }) status: FlagStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedAt: string | null;
  @ApiProperty({ description: 'the awards, amounts, overlap or severity changed after the review' }) changedSinceReview: boolean;
  @ApiProperty({ description: 'false when the overlap has gone (kept for its review, not listed)' }) active: boolean;
  @ApiProperty() updatedAt: string;
}
