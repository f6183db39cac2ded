import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ description: 'your API token (shown once when an admin created your user)', example: 'cft_…' })
  @IsString({ message: 'must be your API token as text' }) @IsNotEmpty({ message: 'paste your API token' }) @MaxLength(500)
  token: string;
}
