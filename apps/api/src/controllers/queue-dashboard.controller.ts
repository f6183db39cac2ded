import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { QueueDashboard } from '@app/jobs';

/** The queue dashboard (bull-board, read-only) for admins: a bearer token or the console's session cookie. */
@ApiTags('admin') @ApiBearerAuth() @ApiCookieAuth()
@Controller('api/admin/queues')
@Roles('admin')
export class QueueDashboardController {
  constructor(private readonly board: QueueDashboard) {}

  @Get() @ApiProduces('text/html') @ApiOperation({ summary: 'the queue dashboard: both job queues, every job with its state, data, result and error (read-only)' })
  page(@Res() res: Response) { this.board.page(res); }

  @Get(['job-schedulers', 'metrics-history']) @ApiProduces('text/html') @ApiOperation({ summary: 'the queue dashboard, opened at one of its views' })
  view(@Res() res: Response) { this.board.page(res); }

  @Get('queue/:queueName') @ApiProduces('text/html') @ApiOperation({ summary: 'the queue dashboard, opened at a queue (jobs or maintenance)' })
  queue(@Param('queueName') queueName: string, @Res() res: Response) { this.board.assertQueue(queueName); this.board.page(res); }

  @Get('queue/:queueName/:jobId') @ApiProduces('text/html') @ApiOperation({ summary: 'the queue dashboard, opened at a job' })
  job(@Param('queueName') queueName: string, @Res() res: Response) { this.board.assertQueue(queueName); this.board.page(res); }

  @Get('static/*path') @ApiOperation({ summary: "the dashboard's scripts, styles and images (served from this API, never a CDN)" })
  file(@Req() req: Request, @Res() res: Response) { return this.board.serve(req, res); }

  @Get('api/*path') @ApiOperation({ summary: "the dashboard's own JSON API (GET only: e.g. api/queues lists both queues with their jobs)" })
  api(@Req() req: Request, @Res() res: Response) { return this.board.serve(req, res); }
}
