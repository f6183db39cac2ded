import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';

export class DecisionDto {
  @ApiProperty({ description: 'the other organisation record' }) @IsUUID('all', { message: 'must be an organisation id (uuid)' }) otherId: string;
  @ApiPropertyOptional({ example: 'Same charity: the directorate abbreviated the name' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsOptional() @IsString({ message: 'must be text' }) @MaxLength(4000)
  note?: string;
}

export class DecisionResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['merge', 'split'] }) decision: 'merge' | 'split';
  @ApiProperty() organisationId: string;
  @ApiProperty() otherId: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedAt: string;
  @ApiProperty({ type: Object, description: "{id, memberIds}: the organisation's cluster after the decision" }) cluster: { id: string; memberIds: string[] };
}

export class MatchesQueryDto extends PageQueryDto {}

export class MatchItem {
  @ApiProperty({ type: Object, description: '{id, name, charityNumber, companyNumber, orgId, postcode}' }) organisation: Record<string, unknown>;
  @ApiProperty({ type: Object, nullable: true, description: "the matcher's verdict: {decision: same/possible, confidence 0-1, method, evidence: [...]}" }) matcher: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true, description: "a person's latest decision on the pair: {decision: merge/split, note, decidedBy, decidedAt}" }) decision: Record<string, unknown> | null;
  @ApiProperty({ description: 'the two records are one organisation now (same cluster)' }) sameOrganisation: boolean;
}
