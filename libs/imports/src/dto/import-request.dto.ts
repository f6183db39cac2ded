import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IMPORT_MODES, type ImportMode } from '../import-options.js';

const MODE_DESCRIPTION = 'all-or-nothing: one bad row fails the import and nothing is written; valid-rows: good rows land and bad rows are reported';

/** POST /api/imports, multipart/form-data: the text fields (the file arrives through ImportUploadInterceptor). */
export class ImportRequestDto {
  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'all-or-nothing', description: MODE_DESCRIPTION })
  @IsOptional()
  @IsIn(IMPORT_MODES as unknown as string[], { message: `must be one of ${IMPORT_MODES.join(', ')}` })
  mode?: ImportMode;
}

/** The multipart body as OpenAPI documents it. */
export const IMPORT_REQUEST_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: '360Giving JSON, CSV or XLSX (official column titles), UTF-8 (with or without BOM) or Windows-1252; at most UPLOAD_LIMIT_MB' },
    mode: { type: 'string', enum: [...IMPORT_MODES], default: 'all-or-nothing', description: MODE_DESCRIPTION },
  },
};

export class ImportAcceptedResponse {
  @ApiProperty({ description: 'the import job: follow it with GET /api/jobs/{jobId}; its result is {created, updated, unchanged, rejected: [{row, field, value, reason}], rejectedCount, encoding, format, …}' })
  jobId: string;
}
