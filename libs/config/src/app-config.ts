import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/**
 * The environment, validated once at start-up by both apps and the CLI scripts.
 * Invalid configuration stops start-up with one line naming the variable (CONTRACT.md).
 */
const PORT_MSG = 'must be a whole number between 1 and 65535';

export class AppConfig {
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/compact' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/compact';

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: PORT_MSG }) @Min(1, { message: PORT_MSG }) @Max(65535, { message: PORT_MSG })
  PORT = 3000;

  @IsOptional() @IsString() @MinLength(16, { message: 'must be at least 16 characters (it is an admin password)' })
  ADMIN_TOKEN?: string;

  @IsString() @MinLength(1)
  OUTPUT_DIR = './out';

  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX = 'compact';

  @IsIn(['production', 'development', 'test'])
  NODE_ENV = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The installation's registered 360Giving prefix, e.g. 360G-mkcouncil. */
  @Matches(/^360G-[A-Za-z0-9_-]+$/, { message: 'must start with 360G- followed by letters, digits, - or _' })
  GRANT_ID_PREFIX = '360G-compact';

  /** Largest accepted upload (imports), in megabytes. */
  @Transform(({ value }) => (value === undefined || value === '' ? 50 : Number(value)))
  @IsInt({ message: 'must be a whole number of megabytes' }) @Min(1) @Max(2048)
  UPLOAD_LIMIT_MB = 50;
}

export class ConfigError extends Error {}

/** Reads and validates the environment. Throws a ConfigError whose message is one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = new Set([...Object.keys(new AppConfig()), 'ADMIN_TOKEN']);
  const defined = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.has(k) && v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {})[0] ?? 'is invalid'}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  return config;
}
