import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { ConsoleAssets } from './console-assets.js';
import { ConsoleSessionHttp } from './console-session.http.js';
import { ConsoleSessions } from './console-sessions.service.js';
import { CrossDirectorateFunding } from './cross-directorate.query.js';
import { ConsoleSessionMiddleware } from './session.middleware.js';

/** The staff console: its sessions (cookie + CSRF), its page and files, and its one read model. */
@Module({
  imports: [AuthModule, AuditModule],
  providers: [ConsoleSessions, ConsoleSessionHttp, ConsoleAssets, CrossDirectorateFunding, ConsoleSessionMiddleware],
  exports: [ConsoleSessions, ConsoleSessionHttp, ConsoleAssets, CrossDirectorateFunding],
})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleSessionMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
