import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsUUID, ValidateIf, ArrayMinSize } from 'class-validator';
import { ROLES, User } from '../user.entity.js';
import type { Role } from '../user.entity.js';

export class CreateUserDto {
  @ApiProperty({ example: 'jo.smith@milton-keynes.gov.uk' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: `must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ type: [String], description: 'for a commissioner: the directorates it may write awards for' })
  @ValidateIf((o) => o.role === 'commissioner' || o.directorateIds !== undefined)
  @IsArray({ message: 'must be a list of directorate ids' })
  @ArrayMinSize(1, { message: 'a commissioner needs at least one directorate' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'each must be a directorate id (uuid)' })
  directorateIds?: string[];
}

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: [String] }) directorateIds: string[];
  @ApiProperty() disabled: boolean;
  @ApiProperty() createdAt: string;
}

export const toUserResponse = (u: User): UserResponse => ({
  id: u.id,
  email: u.email,
  role: u.role,
  directorateIds: u.directorateIds,
  disabled: !!u.disabledAt,
  createdAt: u.createdAt.toISOString(),
});
