import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CreateAwardDto } from '@app/awards';
import { IsCalendarDate, IsOnOrAfter, PageQueryDto } from '@app/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

/** An award as the commissioner is typing it: every field optional, each validated as on create. */
export class CheckAwardDto extends PartialType(CreateAwardDto) {}

export const SUMMARY_GROUPS = ['directorate', 'funder', 'programme', 'rule'] as const;
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];

export class SummaryQueryDto {
  @ApiPropertyOptional({ enum: SUMMARY_GROUPS, default: 'directorate' })
  @IsOptional() @IsIn(SUMMARY_GROUPS as unknown as string[], { message: `must be one of ${SUMMARY_GROUPS.join(', ')}` })
  groupBy: SummaryGroup = 'directorate';

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 10, description: 'how many of the worst awards to list' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be a whole number from 0 to 100' }) @Min(0) @Max(100)
  worst: number = 10;
}

export class CreateConsultationDto {
  @ApiProperty() @IsUUID('all', { message: 'must be a directorate id (uuid)' }) directorateId: string;
  @ApiProperty({ example: 'Review of the voluntary sector infrastructure grant' })
  @Transform(trim) @IsString({ message: 'must be text' }) @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(500)
  title: string;
  @ApiProperty({ example: '2025-01-06', description: 'first day of the consultation' }) @IsCalendarDate() startDate: string;
  @ApiProperty({ example: '2025-03-31', description: 'closing date; the length is endDate - startDate in days' })
  @IsCalendarDate() @IsOnOrAfter('startDate', 'start date')
  endDate: string;
  @ApiPropertyOptional({ description: 'why the consultation is shorter than 12 weeks', nullable: true })
  @Transform(trimOrNull) @IsOptional() @IsString() @MaxLength(4000)
  rationale?: string | null;
}

export class ConsultationQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a directorate id (uuid)' }) directorateId?: string;
}

class MonitoringBandDto {
  @ApiProperty({ example: '1000000', description: 'awards of less than this many pence (here £10,000)…' }) underPence: string;
  @ApiProperty({ example: 1, description: '…may be asked for at most this many reports a year' }) maxReportsPerYear: number;
}
class PaymentLatenessDto {
  @ApiProperty({ example: 30 }) contract: number;
  @ApiProperty({ example: 10 }) grant: number;
}

/** The body of PUT /api/compact-profile (documentation only: validateCompactProfile checks it, naming every bad field). */
export class CompactProfileDto {
  @ApiProperty({ example: 36, description: 'MY-1: a funding period shorter than this many months needs a justification' }) multiYearMinimumMonths: number;
  @ApiProperty({ example: 3, description: "END-1: calendar months of written notice before an ending" }) noticeMonths: number;
  @ApiProperty({ example: 84, description: 'CON-1: a consultation this many days or longer passes' }) consultationFullDays: number;
  @ApiProperty({ example: 56, description: 'CON-1: shorter than this many days fails whatever the rationale' }) consultationMinimumDays: number;
  @ApiProperty({ type: [MonitoringBandDto], description: 'MON-1: bands in increasing order of underPence' }) monitoringBands: MonitoringBandDto[];
  @ApiProperty({ example: 4, description: 'MON-1: the cap for awards at or above the last band' }) monitoringMaxReportsPerYear: number;
  @ApiProperty({ type: PaymentLatenessDto, description: 'PAY-1: days after the due date within which a payment is made' }) paymentLatenessDays: PaymentLatenessDto;
}
