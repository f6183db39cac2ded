import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsMoney, IsOnOrAfter, PageQueryDto } from '@app/common';
import { AWARD_KINDS, AWARD_STATUSES, REPORTING_FREQUENCIES } from '../award.entity.js';
import type { AwardKind, AwardStatus, ReportingFrequency } from '../award.entity.js';

type Money = string | number;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimOrNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);
/** Numbers arrive as JSON numbers or numeric strings; both become numbers for validation. */
const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value);
const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
const FRACTION = { message: 'must be a fraction from 0 to 1 (e.g. 0.25 for 25 %)' };

export class PaymentDto {
  @ApiProperty({ example: '2025-04-01' }) @IsCalendarDate() dueDate: string;
  @ApiProperty({ example: '12500.00', type: String }) @IsMoney({ positive: true }) amount: Money;
  @ApiPropertyOptional({ example: '2025-04-03', nullable: true }) @IsOptional() @IsCalendarDate() paidDate?: string | null;
}

export class CostsDto {
  @ApiPropertyOptional({ example: '90000.00', type: String }) @IsOptional() @IsMoney({ min: 0 }) directCost?: Money | null;
  @ApiPropertyOptional({ example: '17500.00', type: String }) @IsOptional() @IsMoney({ min: 0 }) overheadCost?: Money | null;
  @ApiPropertyOptional({ example: '5000.00', type: String }) @IsOptional() @IsMoney({ min: 0 }) overheadFunded?: Money | null;
}

export class MonitoringDto {
  @ApiPropertyOptional({ enum: REPORTING_FREQUENCIES, nullable: true })
  @IsOptional() @IsIn(REPORTING_FREQUENCIES as unknown as string[], oneOf(REPORTING_FREQUENCIES))
  reportingFrequency?: ReportingFrequency | null;
}

export class EndingDto {
  @ApiPropertyOptional({ example: '2026-01-15' }) @IsOptional() @IsCalendarDate() noticeDate?: string | null;
  @ApiPropertyOptional({ example: '2026-04-30' }) @IsOptional() @IsCalendarDate() effectiveDate?: string | null;
  @ApiPropertyOptional() @Transform(trimOrNull) @IsOptional() @IsString() @MaxLength(4000) reason?: string | null;
}

export class JustificationsDto {
  @ApiPropertyOptional({ description: 'why payment is in arrears' }) @Transform(trimOrNull) @IsOptional() @IsString() @MaxLength(4000) arrearsPayment?: string | null;
  @ApiPropertyOptional({ description: 'why funding is for less than three years' }) @Transform(trimOrNull) @IsOptional() @IsString() @MaxLength(4000) singleYear?: string | null;
  @ApiPropertyOptional({ description: 'why monitoring is more frequent than the cap' }) @Transform(trimOrNull) @IsOptional() @IsString() @MaxLength(4000) monitoring?: string | null;
}

export class OutcomeDto {
  @ApiProperty({ example: 'people into work' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(1000) description: string;
  @ApiProperty({ example: 'people in work for 6 months' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(1000) indicator: string;
  @ApiProperty({ example: 10 }) @Transform(toNumber) @IsNumber({ maxDecimalPlaces: 2 }, { message: 'must be a number with at most 2 places' }) @Min(0) @Max(1e12) quantity: number;
  @ApiProperty({ example: '10000.00', type: String, description: 'value of one unit of outcome for one year, in pounds' }) @IsMoney({ min: 0 }) financialProxy: Money;
  @ApiProperty({ example: 'HACT Social Value Bank 2024' }) @Transform(trim) @IsString() @IsNotEmpty({ message: 'must say where the proxy value comes from' }) @MaxLength(1000) proxySource: string;
  @ApiProperty({ example: 0.2 }) @Transform(toNumber) @IsNumber({ maxDecimalPlaces: 4 }, FRACTION) @Min(0, FRACTION) @Max(1, FRACTION) deadweight: number;
  @ApiProperty({ example: 0.1 }) @Transform(toNumber) @IsNumber({ maxDecimalPlaces: 4 }, FRACTION) @Min(0, FRACTION) @Max(1, FRACTION) displacement: number;
  @ApiProperty({ example: 0.25 }) @Transform(toNumber) @IsNumber({ maxDecimalPlaces: 4 }, FRACTION) @Min(0, FRACTION) @Max(1, FRACTION) attribution: number;
  @ApiProperty({ example: 0.2 }) @Transform(toNumber) @IsNumber({ maxDecimalPlaces: 4 }, FRACTION) @Min(0, FRACTION) @Max(1, FRACTION) dropOff: number;
  @ApiProperty({ example: 3 }) @IsInt({ message: 'must be a whole number of years' }) @Min(1) @Max(50) durationYears: number;
}

export class CreateAwardDto {
  @ApiProperty({ enum: AWARD_KINDS }) @IsIn(AWARD_KINDS as unknown as string[], oneOf(AWARD_KINDS)) kind: AwardKind;
  @ApiProperty({ example: 'Holiday play schemes 2025-28' }) @Transform(trim) @IsString({ message: 'must be text' }) @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(500) title: string;
  @ApiPropertyOptional() @Transform(trimOrNull) @IsOptional() @IsString() @MaxLength(10000) description?: string | null;
  @ApiProperty() @IsUUID('all', { message: 'must be a directorate id (uuid)' }) directorateId: string;
  @ApiProperty() @IsUUID('all', { message: 'must be an organisation id (uuid)' }) recipientOrganisationId: string;
  @ApiPropertyOptional({ example: 'Children and families' }) @Transform(trimOrNull) @IsOptional() @IsString() @MaxLength(500) programme?: string | null;
  @ApiProperty({ example: '95000.00', type: String }) @IsMoney({ positive: true }) amountAwarded: Money;
  @ApiPropertyOptional({ example: 'GBP' }) @IsOptional() @IsIn(['GBP'], { message: 'must be GBP (the only currency this installation records)' }) currency?: string;
  @ApiPropertyOptional({ example: '2025-03-01' }) @IsOptional() @IsCalendarDate() awardDate?: string | null;
  @ApiPropertyOptional({ example: '2025-04-01' }) @IsOptional() @IsCalendarDate() plannedStartDate?: string | null;
  @ApiPropertyOptional({ example: '2028-03-31' }) @IsOptional() @IsCalendarDate() @IsOnOrAfter('plannedStartDate', 'planned start date') plannedEndDate?: string | null;
  @ApiPropertyOptional({ enum: ['draft', 'awarded', 'ended'], description: 'publish with POST /api/awards/:id/publish' })
  @IsOptional() @IsIn(['draft', 'awarded', 'ended'], { message: 'must be draft, awarded or ended (publish with POST /api/awards/{id}/publish)' })
  status?: Exclude<AwardStatus, 'published'>;
  @ApiPropertyOptional({ type: [PaymentDto] }) @IsOptional() @IsArray() @ArrayMaxSize(600) @ValidateNested({ each: true }) @Type(() => PaymentDto) payments?: PaymentDto[];
  @ApiPropertyOptional({ type: CostsDto }) @IsOptional() @ValidateNested() @Type(() => CostsDto) costs?: CostsDto;
  @ApiPropertyOptional({ type: MonitoringDto }) @IsOptional() @ValidateNested() @Type(() => MonitoringDto) monitoring?: MonitoringDto;
  @ApiPropertyOptional({ type: EndingDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => EndingDto) ending?: EndingDto | null;
  @ApiPropertyOptional({ type: JustificationsDto }) @IsOptional() @ValidateNested() @Type(() => JustificationsDto) justifications?: JustificationsDto;
  @ApiPropertyOptional({ type: [OutcomeDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => OutcomeDto) outcomes?: OutcomeDto[];
}

export class UpdateAwardDto extends PartialType(CreateAwardDto) {
  @ApiProperty({ description: 'the version you last read; a stale version gets 409' })
  @IsInt({ message: 'must be the award\'s current version (a whole number, from GET /api/awards/{id})' }) @Min(1)
  version: number;
}

export class AwardQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a directorate id (uuid)' }) directorateId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be an organisation id (uuid)' }) organisationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a funder id (uuid)' }) funderId?: string;
  @ApiPropertyOptional({ enum: AWARD_KINDS }) @IsOptional() @IsIn(AWARD_KINDS as unknown as string[], oneOf(AWARD_KINDS)) kind?: AwardKind;
  @ApiPropertyOptional({ enum: AWARD_STATUSES }) @IsOptional() @IsIn(AWARD_STATUSES as unknown as string[], oneOf(AWARD_STATUSES)) status?: AwardStatus;
  @ApiPropertyOptional({ enum: ['fail', 'warn', 'pass'], description: 'worst Compact finding of the award' })
  @IsOptional() @IsIn(['fail', 'warn', 'pass'], { message: 'must be fail, warn or pass' }) compliance?: 'fail' | 'warn' | 'pass';
  @ApiPropertyOptional({ description: 'award date on or after (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'award date on or before (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate() @IsOnOrAfter('from', 'from date') to?: string;
  @ApiPropertyOptional({ description: 'search title, programme, recipient name' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: ['awardDate', '-awardDate', 'amount', '-amount', 'title', '-title', 'updatedAt', '-updatedAt'] })
  @IsOptional() @IsIn(['awardDate', '-awardDate', 'amount', '-amount', 'title', '-title', 'updatedAt', '-updatedAt'], { message: 'must be awardDate, amount, title or updatedAt, with - for descending' })
  sort?: string;
}
