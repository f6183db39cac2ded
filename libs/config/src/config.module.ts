import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config.js';

/** Provides the validated AppConfig everywhere. Read once when the module is created. */
@Global()
@Module({ providers: [{ provide: AppConfig, useFactory: () => loadConfig() }], exports: [AppConfig] })
export class ConfigModule {}
