import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOnOrAfter, PageQueryDto } from '@app/common';

export class CrossDirectorateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'awards dated on or after (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ description: 'awards dated on or before (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate() @IsOnOrAfter('from', 'from date') to?: string;
  @ApiPropertyOptional({ description: 'organisation name or alias contains' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}
