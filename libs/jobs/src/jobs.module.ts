import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@app/config';
import { QueueName } from './catalogue.js';
import { JobsService } from './jobs.service.js';
import { redisOptions } from './redis.js';

/** The Redis connection and the queues, with QUEUE_PREFIX so installations can share one Redis. */
export const QueuesModule = BullModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (c: AppConfig) => ({ connection: redisOptions(c.REDIS_URL), prefix: c.QUEUE_PREFIX }),
});
export const QueueRegistrations = BullModule.registerQueue({ name: QueueName.Jobs }, { name: QueueName.Maintenance });

@Module({ imports: [QueuesModule, QueueRegistrations], providers: [JobsService], exports: [JobsService, QueueRegistrations] })
export class JobsModule {}
