import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppConfig, ConfigModule } from '@app/config';
import { DbModule } from '@app/db';
import { AuditModule } from '@app/audit';
import { AuthGuard, AuthModule, UsersService } from '@app/auth';
import { FundersModule } from '@app/funders';
import { OrganisationsModule } from '@app/organisations';
import { AwardsModule } from '@app/awards';
import { ComplianceModule } from '@app/compliance';
import { JobsModule, QueueDashboardModule, RedisHealth } from '@app/jobs';
import { ErrorFilter } from './error.filter.js';
import { validationPipe } from './validation.js';
import { DirectoratesController, FundersController } from './controllers/funders.controller.js';
import { OrganisationsController } from './controllers/organisations.controller.js';
import { AwardsController } from './controllers/awards.controller.js';
import { AuditController, UsersController } from './controllers/users.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { JobsController } from './controllers/jobs.controller.js';
import { CompactProfileController, ComplianceController, ConsultationsController } from './controllers/compliance.controller.js';
import { ConsoleController } from './controllers/console.controller.js';
import { ConsoleModule } from '@app/console';
import { PublicDataModule } from '@app/public-data';
import { PublicController } from './controllers/public.controller.js';
import { ImportUploadsModule } from '@app/imports';
import { ImportsController } from './controllers/imports.controller.js';
import { DuplicatesModule } from '@app/duplicates';
import { FlagsController } from './controllers/flags.controller.js';
import { OrganisationMatchesController } from './controllers/organisation-matches.controller.js';
import { QueueDashboardController } from './controllers/queue-dashboard.controller.js';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (c: AppConfig) => ({
        pinoHttp: {
          level: c.LOG_LEVEL,
          genReqId: (req, res) => {
            const id = (req.headers['x-request-id'] as string) || randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (req) => req.url === '/health' },
        },
      }),
    }),
    DbModule,
    AuditModule,
    AuthModule,
    FundersModule,
    OrganisationsModule,
    AwardsModule,
    ComplianceModule,
    JobsModule,
    QueueDashboardModule,
    ConsoleModule,
    PublicDataModule,
    ImportUploadsModule,
    DuplicatesModule,
  ],
  controllers: [HealthController, FundersController, DirectoratesController, OrganisationsController, AwardsController, UsersController, AuditController, JobsController, ComplianceController, CompactProfileController, ConsultationsController, ConsoleController, PublicController, ImportsController, FlagsController, OrganisationMatchesController, QueueDashboardController],
  providers: [
    RedisHealth,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_PIPE, useFactory: validationPipe },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class ApiModule implements OnApplicationBootstrap {
  constructor(private readonly users: UsersService, private readonly config: AppConfig) {}
  async onApplicationBootstrap() {
    await this.users.ensureBootstrapAdmin(this.config.ADMIN_TOKEN);
  }
}
