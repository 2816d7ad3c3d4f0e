import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** The development secret this code once fell back to: public (it was in the repository), so never accepted. */
const PUBLIC_DEV_JWT_SECRETS = ['accord-development-secret-change-me'];

const asBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase()) : value;

/** Environment variables, validated once at start (twelve-factor: configuration is the environment only). */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^[^\s:]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS = '127.0.0.1:7233';

  @IsString()
  @MinLength(1)
  TEMPORAL_NAMESPACE = 'default';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /**
   * Explicit development mode (`npm run dev` sets it): JWT_SECRET may be omitted (a random one is made per process)
   * and the api listens on 127.0.0.1 unless HOST says otherwise. Never set it on a server.
   */
  @Transform(asBoolean)
  @IsBoolean()
  ACCORD_DEV_MODE = false;

  /** Interface the api listens on; default 127.0.0.1 in development mode, 0.0.0.0 otherwise (containers). */
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'HOST must be an IP address (or localhost)' })
  HOST?: string;

  /** HMAC key of the access and refresh tokens: at least 32 random bytes (checked in loadConfig). */
  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  @IsString()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_TTL must look like 15m, 8h or 1d' })
  JWT_TTL = '8h';

  @IsString()
  @Matches(/^\d+[smhd]$/, { message: 'JWT_REFRESH_TTL must look like 12h or 7d' })
  JWT_REFRESH_TTL = '7d';

  /** Comma-separated origins allowed by CORS, or '*'; empty: same-origin only (the web app is served by the api). */
  @IsString()
  @Matches(/^(\*|(https?:\/\/[^,\s]+)(,https?:\/\/[^,\s]+)*)?$/, { message: "CORS_ORIGINS must be '*' or comma-separated http(s) origins" })
  CORS_ORIGINS = '';

  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  /** Largest attachment accepted by POST /attachments (docs/api.md: larger uploads are refused with 400). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

  /** Where the local-disk attachment storage keeps the bytes (content-addressed by sha256). */
  @IsString()
  @MinLength(1)
  ATTACHMENT_DIR = join(repoRoot(), '.data', 'attachments');

  /** The worker's Prometheus endpoint (process metrics and the Temporal SDK's); 0 turns it off. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /**
   * How many workflows the worker keeps in memory between their tasks (the Temporal SDK's sticky cache; an evicted one is
   * replayed from its history at its next task). Unset: the SDK sizes it from the heap limit (about 2,300 workflows
   * on a 4 GB heap), which can keep every signed agreement's long-lived workflow resident. Too small a cache costs replays
   * under load and did not lower the worker's RSS in the bench (docs/benchmarks.md).
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  WORKER_MAX_CACHED_WORKFLOWS?: number;

  /**
   * The workflow sandbox's execution timeout in ms (the Temporal SDK's `isolateExecutionTimeout`): a workflow task whose
   * code runs longer than this without awaiting fails instead of holding the thread it runs on (the worker's main thread
   * unless WORKER_WORKFLOW_THREADS: then the whole worker). Unset: no
   * timeout, because Node enforces it with a watchdog thread per entry into the sandbox, which cost about 7 % of the
   * decisions per second on two cores (libs/temporal/src/workflow-worker.ts, docs/benchmarks.md). The SDK's own default
   * is 5000. At least 1000: the timeout also bounds the sandbox's own set-up at the worker's start and each new
   * workflow's module loading.
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1000)
  @Max(4_294_967_295)
  WORKER_ISOLATE_EXECUTION_TIMEOUT_MS?: number;

  /**
   * How many worker threads run the workflow sandbox; 0 (the default): the worker's main thread, which saves each
   * activation's crossing to a thread and back (about 1 ms of CPU per decision on two busy cores,
   * libs/temporal/src/workflow-worker.ts, docs/benchmarks.md). More than 0 on a host with cores to spare, so that
   * workflow code runs beside the activities.
   */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(64)
  WORKER_WORKFLOW_THREADS?: number;

  /**
   * Record a stack trace of every promise workflow code creates, for the "Stack Trace" tab of Temporal's UI (the
   * `__stack_trace` query). Off by default: it cost about a quarter of the workflow sandbox's CPU
   * (libs/temporal/src/workflow-worker.ts), and on the main thread its promise hook runs for every promise of the
   * process; a failed workflow keeps its stack either way. With WORKER_WORKFLOW_THREADS above 0 the SDK's threads
   * record them regardless: the way to have them.
   */
  @Transform(asBoolean)
  @IsBoolean()
  WORKER_WORKFLOW_STACK_TRACES = false;

  /**
   * The bearer token a Prometheus scraper sends to the api's /metrics (at least 32 characters, e.g. `openssl rand -hex 32`).
   * Unset: the api does not serve /metrics (the public port must not show its routes and internals to anyone).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /** The national commitments database's endpoint (Res. 250/2025/QH15 Art 6); the sync is off when unset. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'COMMITMENTS_SYNC_URL must be an http(s) URL' })
  COMMITMENTS_SYNC_URL?: string;

  /** Outgoing e-mail for notifications (smtp://user:pass@host:port or smtps://...); off when unset. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://host:25 or smtps://user:pass@host:465' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  SMTP_FROM = 'Accord <no-reply@accord.local>';

  /** How often the commitments sync runs (an administrator can also run it at once). */
  @IsString()
  @Matches(/^\d+[smhd]$/, { message: 'COMMITMENTS_SYNC_INTERVAL must look like 30s, 15m or 1h' })
  COMMITMENTS_SYNC_INTERVAL = '15m';

  /** How often the worker's outbox relay looks for commands the api could not send (docs/reliability.md). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  @Max(60_000)
  OUTBOX_RELAY_INTERVAL_MS = 2000;

  /** Password checks per client IP address per 15 minutes before logins from it get 429; 0 turns the limit off. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  LOGIN_IP_LIMIT = 300;

  /**
   * Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed for the per-IP
   * login limit; empty: the socket's address is the client.
   */
  @IsString()
  @Matches(/^[^\s]*$/, { message: 'LOGIN_TRUSTED_PROXIES must be comma-separated addresses or CIDR ranges without spaces' })
  LOGIN_TRUSTED_PROXIES = '';

  /** Count loopback clients in the per-IP login limit (off: behind a local reverse proxy every client is 127.0.0.1). */
  @Transform(asBoolean)
  @IsBoolean()
  LOGIN_IP_LIMIT_LOOPBACK = false;

  /** From this many audit events on, GET /audit/verify checks stretches of the chain in worker threads. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  AUDIT_VERIFY_PARALLEL_FROM = 50_000;

  /**
   * The HMAC key signing audit checkpoints (the chain's head, written outside the database). Kept outside the
   * database on purpose: whoever can rewrite the audit table must not be able to sign a new head. Required in
   * production; without it (development, tests that do not pass one) no checkpoint is written or checked.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_CHECKPOINT_KEY must be at least 32 characters (e.g. openssl rand -hex 32)' })
  AUDIT_CHECKPOINT_KEY?: string;

  /** Where the worker appends the checkpoints (audit-checkpoints.jsonl) and the api reads the latest one. */
  @IsString()
  @MinLength(1)
  AUDIT_CHECKPOINT_DIR = join(repoRoot(), '.data', 'audit-checkpoints');

  /** How often the worker checkpoints the audit chain's head (only when it moved). */
  @IsString()
  @Matches(/^\d+[smh]$/, { message: 'AUDIT_CHECKPOINT_INTERVAL must look like 30s, 1m or 1h' })
  AUDIT_CHECKPOINT_INTERVAL = '1m';

  /**
   * Government single sign-on (docs/sso.md): the OpenID Provider's issuer URL (Keycloak realm, agency IdP). Unset:
   * OIDC sign-in is off and only local login exists. When set, the client id, secret and redirect URI are required.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_ID?: string;

  /** The confidential client's secret at the provider; never defaulted. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  OIDC_CLIENT_SECRET?: string;

  /** Where the provider sends the browser back: this api's GET /auth/oidc/callback, as registered at the provider. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OIDC_REDIRECT_URI must be an http(s) URL' })
  OIDC_REDIRECT_URI?: string;

  /** Where the browser goes with Accord's tokens after sign-in: the web app's OIDC landing route (same origin by default). */
  @IsString()
  @Matches(/^(\/|https?:\/\/)\S*$/, { message: 'OIDC_POST_LOGIN_URL must be a path or an http(s) URL' })
  OIDC_POST_LOGIN_URL = '/login/oidc';

  /** The ID token / userinfo claim naming the user's agency code. */
  @IsString()
  @MinLength(1)
  OIDC_AGENCY_CLAIM = 'agency';

  /** The claim listing the user's groups, mapped to Accord roles through the admin-editable group mapping. */
  @IsString()
  @MinLength(1)
  OIDC_ROLES_CLAIM = 'groups';

  /** Password login (POST /auth/login); off: only single sign-on, and POST /auth/login answers 404 LOCAL_LOGIN_DISABLED. */
  @Transform(asBoolean)
  @IsBoolean()
  LOCAL_LOGIN_ENABLED = true;

  /**
   * Trust anchors of signed copies (POST /documents/:id/signed-copy): PEM certificates (the government CA's roots),
   * given as the PEM text itself or as the path of a PEM file. Unset: signatures are still verified, but recorded as
   * not chain-verified (`chainTrusted: false`).
   */
  @IsOptional()
  @IsString()
  SIGNING_TRUST_ANCHORS?: string;

  /**
   * The edXML organ directory (docs/records.md "Organ ids"): path of a JSON file `{demo, provinces, external}` with
   * the organ ids each agency was registered with on the national exchange axis. Unset: the DEMO directory outside
   * production (packages are marked as demo), and no edXML export in production.
   */
  @IsOptional()
  @IsString()
  EDXML_ORGAN_DIRECTORY?: string;
}

const isPemText = (value: string): boolean => value.includes('-----BEGIN ');

/** The PEM text of SIGNING_TRUST_ANCHORS (read from its file when it names one); [] when unset. */
export function signingTrustAnchorsPem(config: Pick<AppConfig, 'SIGNING_TRUST_ANCHORS'>): string[] {
  const value = config.SIGNING_TRUST_ANCHORS?.trim();
  if (!value) return [];
  return [isPemText(value) ? value : readFileSync(value, 'utf8')];
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
  'NODE_ENV',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'PORT',
  'JWT_SECRET',
  'JWT_TTL',
  'JWT_REFRESH_TTL',
  'CORS_ORIGINS',
  'WORKFLOW_BUNDLE_PATH',
  'ATTACHMENT_MAX_BYTES',
  'ATTACHMENT_DIR',
  'WORKER_METRICS_PORT',
  'WORKER_MAX_CACHED_WORKFLOWS',
  'WORKER_ISOLATE_EXECUTION_TIMEOUT_MS',
  'WORKER_WORKFLOW_THREADS',
  'WORKER_WORKFLOW_STACK_TRACES',
  'COMMITMENTS_SYNC_URL',
  'COMMITMENTS_SYNC_INTERVAL',
  'SMTP_URL',
  'SMTP_FROM',
  'AUDIT_VERIFY_PARALLEL_FROM',
  'ACCORD_DEV_MODE',
  'HOST',
  'LOGIN_IP_LIMIT',
  'LOGIN_TRUSTED_PROXIES',
  'LOGIN_IP_LIMIT_LOOPBACK',
  'AUDIT_CHECKPOINT_KEY',
  'AUDIT_CHECKPOINT_DIR',
  'AUDIT_CHECKPOINT_INTERVAL',
  'OUTBOX_RELAY_INTERVAL_MS',
  'METRICS_TOKEN',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_POST_LOGIN_URL',
  'OIDC_AGENCY_CLAIM',
  'OIDC_ROLES_CLAIM',
  'LOCAL_LOGIN_ENABLED',
  'SIGNING_TRUST_ANCHORS',
  'EDXML_ORGAN_DIRECTORY',
] as const;

/**
 * Why a JWT secret is not good enough, or null. At least 32 random bytes: 64 hex digits, or 43 characters of
 * base64/base64url or anything else (a passphrase that long); never the old public development value.
 */
export function jwtSecretProblem(secret: string): string | null {
  if (PUBLIC_DEV_JWT_SECRETS.includes(secret)) return 'is the public development value; generate one: openssl rand -base64 32';
  const hex = /^[0-9a-fA-F]+$/.test(secret);
  const min = hex ? 64 : 43;
  if (secret.length < min)
    return `must be at least 32 random bytes (${min} ${hex ? 'hex digits' : 'characters'}); generate one: openssl rand -base64 32`;
  // A long run of a few characters is long but not random.
  if (new Set(secret).size < 10) return 'does not look random (fewer than 10 different characters); generate one: openssl rand -base64 32';
  return null;
}

/** Address or CIDR entries of LOGIN_TRUSTED_PROXIES that are not one. */
function badProxyEntries(list: string): string[] {
  return list
    .split(',')
    .filter(Boolean)
    .filter((entry) => {
      const [addr, bits, extra] = entry.split('/');
      const family = isIP(addr ?? '');
      if (!family || extra !== undefined) return true;
      if (bits === undefined) return false;
      const n = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      return !(n >= 0 && n <= (family === 4 ? 32 : 128));
    });
}

export interface LoadConfigOptions {
  /** The api signs tokens and needs JWT_SECRET; the worker does not (so it need not be given the secret). */
  requireJwtSecret?: boolean;
}

/** Parses and validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): AppConfig {
  const present = Object.fromEntries(CONFIG_KEYS.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (config.JWT_SECRET !== undefined) {
    const problem = jwtSecretProblem(config.JWT_SECRET);
    if (problem) problems.push(`  JWT_SECRET: ${problem}`);
  } else if (config.ACCORD_DEV_MODE === true) {
    // Development only: tokens then do not outlive the process (npm run dev passes one kept in .data/ instead).
    config.JWT_SECRET = randomBytes(32).toString('base64url');
  } else if (options.requireJwtSecret !== false) {
    problems.push(
      '  JWT_SECRET: required (at least 32 random bytes: openssl rand -base64 32), unless ACCORD_DEV_MODE=1 on a developer machine',
    );
  }
  if (config.NODE_ENV === 'production' && !config.AUDIT_CHECKPOINT_KEY) {
    problems.push('  AUDIT_CHECKPOINT_KEY: must be set in production (the audit chain is anchored with it)');
  }
  if (config.OIDC_ISSUER) {
    for (const key of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const) {
      if (!config[key]) problems.push(`  ${key}: required when OIDC_ISSUER is set (docs/sso.md)`);
    }
  }
  const anchors = config.SIGNING_TRUST_ANCHORS?.trim();
  if (anchors && !isPemText(anchors) && !existsSync(anchors)) {
    problems.push('  SIGNING_TRUST_ANCHORS: neither PEM certificates (-----BEGIN CERTIFICATE-----) nor the path of an existing file');
  }
  if (config.EDXML_ORGAN_DIRECTORY && !existsSync(config.EDXML_ORGAN_DIRECTORY)) {
    problems.push('  EDXML_ORGAN_DIRECTORY: no such file (a JSON organ directory, docs/records.md)');
  }
  const badProxies = badProxyEntries(config.LOGIN_TRUSTED_PROXIES ?? '');
  if (badProxies.length) problems.push(`  LOGIN_TRUSTED_PROXIES: not an address or CIDR range: ${badProxies.join(', ')}`);
  config.HOST ??= config.ACCORD_DEV_MODE === true ? '127.0.0.1' : '0.0.0.0';
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return config;
}
