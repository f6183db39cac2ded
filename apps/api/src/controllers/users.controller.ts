import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CreateUserDto, CurrentUser, Roles, UsersService } from '@app/auth';
import type { Actor } from '@app/auth';
import { AuditService } from '@app/audit';
import { PageQueryDto } from '@app/common';

@ApiTags('users') @ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}
  @Post() @Roles('admin') create(@Body() dto: CreateUserDto, @CurrentUser() u: Actor) { return this.users.create(u, dto); }
  @Get() @Roles('admin') list(@Query() q: PageQueryDto) { return this.users.list(q); }
  @Get('me') me(@CurrentUser() u: Actor) { return u; }
  @Post(':id/disable') @HttpCode(200) @Roles('admin') disable(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() u: Actor) { return this.users.setDisabled(u, id, true); }
  @Post(':id/enable') @HttpCode(200) @Roles('admin') enable(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() u: Actor) { return this.users.setDisabled(u, id, false); }
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'must be a user id (uuid)' }) actorId?: string;
}

@ApiTags('audit') @ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}
  @Get() @Roles('admin', 'executive') list(@Query() q: AuditQueryDto) { return this.audit.list(q); }
}
