import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const DEV_JWT_SECRET = 'accord-development-secret-change-me';

/** Environment variables, validated once at start (twelve-factor: configuration is the environment only). */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(100)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^[^\s:]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString() @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  @IsString() @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @IsString() @Matches(/^\d+[smhd]$/, { message: 'JWT_TTL must look like 15m, 8h or 1d' })
  JWT_TTL = '8h';

  @IsString() @Matches(/^\d+[smhd]$/, { message: 'JWT_REFRESH_TTL must look like 12h or 7d' })
  JWT_REFRESH_TTL = '7d';

  /** Comma-separated origins allowed by CORS, or '*'; empty: same-origin only (the web app is served by the api). */
  @IsString() @Matches(/^(\*|(https?:\/\/[^,\s]+)(,https?:\/\/[^,\s]+)*)?$/, { message: "CORS_ORIGINS must be '*' or comma-separated http(s) origins" })
  CORS_ORIGINS = '';

  @IsOptional() @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  /** Largest attachment accepted by POST /attachments (api-contract.md: larger uploads are refused with 400). */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

  /** Where the local-disk attachment storage keeps the bytes (content-addressed by sha256). */
  @IsString() @MinLength(1)
  ATTACHMENT_DIR = join(repoRoot(), '.data', 'attachments');

  /** The worker's Prometheus endpoint (process metrics and the Temporal SDK's); 0 turns it off. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /**
   * The bearer token a Prometheus scraper sends to the api's /metrics (at least 32 characters, e.g. `openssl rand -hex 32`).
   * Unset: the api does not serve /metrics (the public port must not show its routes and internals to anyone).
   */
  @IsOptional() @IsString() @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /** The national commitments database's endpoint (Res. 250/2025/QH15 Art 6); the sync is off when unset. */
  @IsOptional() @Matches(/^https?:\/\/\S+$/, { message: 'COMMITMENTS_SYNC_URL must be an http(s) URL' })
  COMMITMENTS_SYNC_URL?: string;

  /** Outgoing e-mail for notifications (smtp://user:pass@host:port or smtps://...); off when unset. */
  @IsOptional() @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://host:25 or smtps://user:pass@host:465' })
  SMTP_URL?: string;

  @IsString() @MinLength(3)
  SMTP_FROM = 'Accord <no-reply@accord.local>';

  /** How often the commitments sync runs (an administrator can also run it at once). */
  @IsString() @Matches(/^\d+[smhd]$/, { message: 'COMMITMENTS_SYNC_INTERVAL must look like 30s, 15m or 1h' })
  COMMITMENTS_SYNC_INTERVAL = '15m';

  /** From this many audit events on, GET /audit/verify checks stretches of the chain in worker threads. */
  @Transform(({ value }) => Number(value)) @IsInt() @Min(1)
  AUDIT_VERIFY_PARALLEL_FROM = 50_000;
}

/** The checkout (or built image) root: the nearest folder above this file with a package.json. */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export class ConfigError extends Error {}

const CONFIG_KEYS = [
  'NODE_ENV', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'PORT', 'JWT_SECRET', 'JWT_TTL', 'JWT_REFRESH_TTL', 'CORS_ORIGINS', 'WORKFLOW_BUNDLE_PATH',
  'ATTACHMENT_MAX_BYTES', 'ATTACHMENT_DIR', 'WORKER_METRICS_PORT', 'COMMITMENTS_SYNC_URL', 'COMMITMENTS_SYNC_INTERVAL', 'SMTP_URL', 'SMTP_FROM',
  'AUDIT_VERIFY_PARALLEL_FROM',
  'METRICS_TOKEN',
] as const;

/** Parses and validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(CONFIG_KEYS.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('  JWT_SECRET: must be set in production');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return config;
}
