import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, Roles } from '@app/auth';
import { ConsoleAssets, ConsoleSessionHttp, CrossDirectorateFunding, CrossDirectorateQueryDto, SignInDto } from '@app/console';
import type { SessionRequest } from '@app/console';

/** The staff console at /console: its page and files, its session, and the cross-directorate matrix. */
@ApiTags('console')
@Controller('console')
export class ConsoleController {
  constructor(private readonly assets: ConsoleAssets, private readonly sessions: ConsoleSessionHttp, private readonly cross: CrossDirectorateFunding) {}
  @Get() @Public() @ApiExcludeEndpoint() page(@Res() res: Response) { this.assets.page(res); }
  @Get('assets/:name') @Public() @ApiExcludeEndpoint() asset(@Param('name') name: string, @Res() res: Response) { this.assets.asset(name, res); }

  @Post('session') @Public() @ApiOperation({ summary: 'sign in with an API token: sets the HttpOnly session cookie, returns the CSRF token' })
  signIn(@Body() dto: SignInDto, @Req() req: SessionRequest, @Res({ passthrough: true }) res: Response) { return this.sessions.signIn(dto.token, req, res); }
  @Get('session') @Public() @ApiCookieAuth() @ApiOperation({ summary: 'who is signed in, and the X-CSRF-Token to send with writes' })
  current(@Req() req: SessionRequest) { return this.sessions.current(req); }
  @Delete('session') @Public() @HttpCode(204) @ApiOperation({ summary: 'sign out (needs X-CSRF-Token)' })
  signOut(@Req() req: SessionRequest, @Res({ passthrough: true }) res: Response) { return this.sessions.signOut(req, res); }
  @Post('session/delete') @Public() @HttpCode(204) @ApiOperation({ summary: 'sign out, for clients that cannot send DELETE (needs X-CSRF-Token)' })
  signOutPost(@Req() req: SessionRequest, @Res({ passthrough: true }) res: Response) { return this.sessions.signOut(req, res); }

  @Get('cross-directorate-funding') @Roles('admin', 'executive', 'finance') @ApiCookieAuth()
  @ApiOperation({ summary: 'organisations funded by two or more directorates, with the amount from each (matrix rows)' })
  crossDirectorate(@Query() q: CrossDirectorateQueryDto) { return this.cross.matrix(q); }
}
