import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (c: AppConfig) => ({ ...dataSourceOptions(c.DATABASE_URL), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
})
export class DbModule {}
