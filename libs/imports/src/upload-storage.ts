import { join, resolve } from 'node:path';
import type { AppConfig } from '@app/config';

/**
 * Where the API keeps uploaded import files until the worker has read them: under OUTPUT_DIR,
 * which the API and the workers share already. The dot keeps it apart from the job output
 * folders (named by job id).
 */
export const uploadsDir = (config: Pick<AppConfig, 'OUTPUT_DIR'>) => join(resolve(config.OUTPUT_DIR), '.uploads');
