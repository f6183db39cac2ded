import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';
import { redisOptions } from './redis.js';

/** Answers whether Redis is reachable right now, without waiting on a dead connection. */
@Injectable()
export class RedisHealth implements OnModuleDestroy {
  private readonly client: Redis;
  constructor(config: AppConfig) {
    this.client = new Redis({ ...redisOptions(config.REDIS_URL), lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: () => 1000 });
    this.client.on('error', () => undefined); // state is read through ping()
  }

  async ping(): Promise<boolean> {
    try {
      if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
      return (await withTimeout(this.client.ping(), 1000)) === 'PONG';
    } catch {
      return false;
    }
  }

  async onModuleDestroy() {
    this.client.disconnect();
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)));
  });
}
