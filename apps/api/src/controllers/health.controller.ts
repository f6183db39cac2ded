import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@app/auth';
import { RedisHealth, withTimeout } from '@app/jobs';

/** `{status, database, redis}`: 200 when both answer, 503 while either is down. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly redis: RedisHealth) {}

  @Get() @Public()
  async check(@Res({ passthrough: true }) res: Response) {
    const database = await withTimeout(this.ds.query('SELECT 1'), 2000).then(() => 'up', () => 'down');
    const redis = (await this.redis.ping()) ? 'up' : 'down';
    const status = database === 'up' && redis === 'up' ? 'ok' : 'error';
    res.status(status === 'ok' ? 200 : 503);
    return { status, database, redis };
  }
}
