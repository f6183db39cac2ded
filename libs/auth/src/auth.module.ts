import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';
import { AuthGuard } from './auth.guard.js';
import { BadTokenLimiter } from './bad-token.limiter.js';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AuditModule],
  providers: [UsersService, AuthGuard, BadTokenLimiter],
  exports: [UsersService, AuthGuard, BadTokenLimiter],
})
export class AuthModule {}
