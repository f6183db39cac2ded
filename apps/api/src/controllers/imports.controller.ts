import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/auth';
import { IMPORT_REQUEST_SCHEMA, ImportAcceptedResponse, ImportRequestDto, ImportUploadInterceptor, ImportUploadService } from '@app/imports';
import type { UploadedImportFile } from '@app/imports';

@ApiTags('imports') @ApiBearerAuth()
@Controller('api/imports')
export class ImportsController {
  constructor(private readonly imports: ImportUploadService) {}
  @Post() @HttpCode(202) @Roles('admin', 'commissioner') @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data') @ApiBody({ schema: IMPORT_REQUEST_SCHEMA }) @ApiAcceptedResponse({ type: ImportAcceptedResponse, description: 'queued: follow the job with GET /api/jobs/{jobId}' })
  start(@UploadedFile() file: UploadedImportFile | undefined, @Body() dto: ImportRequestDto, @CurrentUser() u: Actor) { return this.imports.start(u, file, dto.mode); }
}
