import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, jwtSecretProblem, loadConfig, signingTrustAnchorsPem } from './app-config';

const BASE = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };
const SECRET = randomBytes(32).toString('base64url');

describe('configuration: JWT secret, development mode, listen address, login limits', () => {
  it('requires JWT_SECRET outside development mode, whatever NODE_ENV says', () => {
    for (const NODE_ENV of ['development', 'test', 'production', undefined]) {
      expect(() => loadConfig({ ...BASE, NODE_ENV })).toThrow(/JWT_SECRET: required/);
    }
  });

  it('refuses the old public development secret and short or non-random ones', () => {
    for (const bad of [
      'accord-development-secret-change-me',
      'x'.repeat(16),
      randomBytes(31).toString('hex'),
      'ab'.repeat(40),
      randomBytes(24).toString('base64url'),
    ]) {
      expect(jwtSecretProblem(bad)).not.toBeNull();
      expect(() => loadConfig({ ...BASE, ACCORD_DEV_MODE: '1', JWT_SECRET: bad })).toThrow(ConfigError);
    }
  });

  it('accepts 32 random bytes as hex or base64(url)', () => {
    for (const good of [randomBytes(32).toString('hex'), randomBytes(32).toString('base64'), SECRET]) {
      expect(jwtSecretProblem(good)).toBeNull();
      expect(
        loadConfig({ ...BASE, NODE_ENV: 'production', JWT_SECRET: good, AUDIT_CHECKPOINT_KEY: randomBytes(32).toString('hex') }).JWT_SECRET,
      ).toBe(good);
    }
  });

  it('in development mode without a secret, makes a random one per process (never a constant)', () => {
    const a = loadConfig({ ...BASE, ACCORD_DEV_MODE: '1' });
    const b = loadConfig({ ...BASE, ACCORD_DEV_MODE: '1' });
    expect(a.JWT_SECRET).toHaveLength(43);
    expect(a.JWT_SECRET).not.toBe(b.JWT_SECRET);
  });

  it('lets the worker start without the secret it never uses', () => {
    expect(loadConfig(BASE, { requireJwtSecret: false }).JWT_SECRET).toBeUndefined();
  });

  it('listens on 127.0.0.1 in development mode and on 0.0.0.0 otherwise, unless HOST says', () => {
    expect(loadConfig({ ...BASE, ACCORD_DEV_MODE: '1' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ ...BASE, JWT_SECRET: SECRET }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ ...BASE, JWT_SECRET: SECRET, HOST: '10.0.0.5' }).HOST).toBe('10.0.0.5');
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, HOST: 'a b' })).toThrow(/HOST/);
  });

  it('reads the login limit settings and refuses a malformed proxy list', () => {
    const c = loadConfig({
      ...BASE,
      JWT_SECRET: SECRET,
      LOGIN_IP_LIMIT: '25',
      LOGIN_TRUSTED_PROXIES: '10.0.0.0/8,::1',
      LOGIN_IP_LIMIT_LOOPBACK: 'true',
    });
    expect([c.LOGIN_IP_LIMIT, c.LOGIN_TRUSTED_PROXIES, c.LOGIN_IP_LIMIT_LOOPBACK]).toEqual([25, '10.0.0.0/8,::1', true]);
    expect(loadConfig({ ...BASE, JWT_SECRET: SECRET }).LOGIN_IP_LIMIT).toBe(300);
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, LOGIN_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/LOGIN_TRUSTED_PROXIES/);
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, LOGIN_TRUSTED_PROXIES: 'proxy.local' })).toThrow(/LOGIN_TRUSTED_PROXIES/);
  });
});

describe('configuration: loading the environment', () => {
  it('gives every setting its documented default when only the required ones are set', () => {
    const c = loadConfig({ ...BASE, JWT_SECRET: SECRET });
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      ACCORD_DEV_MODE: false,
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      JWT_TTL: '8h',
      JWT_REFRESH_TTL: '7d',
      CORS_ORIGINS: '',
      ATTACHMENT_MAX_BYTES: 25 * 1024 * 1024,
      COMMITMENTS_SYNC_INTERVAL: '15m',
      OUTBOX_RELAY_INTERVAL_MS: 2000,
      AUDIT_CHECKPOINT_INTERVAL: '1m',
      LOGIN_IP_LIMIT_LOOPBACK: false,
    });
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.COMMITMENTS_SYNC_URL).toBeUndefined();
    expect(c.AUDIT_CHECKPOINT_KEY).toBeUndefined();
  });

  it('parses numbers and booleans from their text, and treats an empty variable as unset', () => {
    const c = loadConfig({
      ...BASE,
      JWT_SECRET: SECRET,
      PORT: '8080',
      DATABASE_POOL_SIZE: '3',
      ATTACHMENT_MAX_BYTES: '',
      LOGIN_IP_LIMIT_LOOPBACK: ' Yes ',
    });
    expect([c.PORT, c.DATABASE_POOL_SIZE, c.ATTACHMENT_MAX_BYTES, c.LOGIN_IP_LIMIT_LOOPBACK]).toEqual([8080, 3, 25 * 1024 * 1024, true]);
    for (const on of ['1', 'true', 'TRUE', 'on', 'yes']) expect(loadConfig({ ...BASE, ACCORD_DEV_MODE: on }).ACCORD_DEV_MODE).toBe(true);
    // Anything else is off, and then the secret is required again.
    for (const off of ['0', 'false', 'no', 'off', 'dev'])
      expect(() => loadConfig({ ...BASE, ACCORD_DEV_MODE: off })).toThrow(/JWT_SECRET: required/);
  });

  it('leaves the workflow sandbox without an execution timeout unless one is set, and refuses one under a second', () => {
    expect(loadConfig({ ...BASE, JWT_SECRET: SECRET }).WORKER_ISOLATE_EXECUTION_TIMEOUT_MS).toBeUndefined();
    expect(
      loadConfig({ ...BASE, JWT_SECRET: SECRET, WORKER_ISOLATE_EXECUTION_TIMEOUT_MS: '' }).WORKER_ISOLATE_EXECUTION_TIMEOUT_MS,
    ).toBeUndefined();
    expect(
      loadConfig({ ...BASE, JWT_SECRET: SECRET, WORKER_ISOLATE_EXECUTION_TIMEOUT_MS: '5000' }).WORKER_ISOLATE_EXECUTION_TIMEOUT_MS,
    ).toBe(5000);
    for (const bad of ['0', '-1', '999', '5s', '1000.5'])
      expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, WORKER_ISOLATE_EXECUTION_TIMEOUT_MS: bad })).toThrow(
        /WORKER_ISOLATE_EXECUTION_TIMEOUT_MS/,
      );
  });

  it('runs workflows on the main thread without per-promise stack traces unless told, and refuses a bad thread count', () => {
    const defaults = loadConfig({ ...BASE, JWT_SECRET: SECRET });
    expect([defaults.WORKER_WORKFLOW_THREADS, defaults.WORKER_WORKFLOW_STACK_TRACES]).toEqual([undefined, false]);
    const set = loadConfig({ ...BASE, JWT_SECRET: SECRET, WORKER_WORKFLOW_THREADS: '2', WORKER_WORKFLOW_STACK_TRACES: 'true' });
    expect([set.WORKER_WORKFLOW_THREADS, set.WORKER_WORKFLOW_STACK_TRACES]).toEqual([2, true]);
    for (const bad of ['-1', '1.5', 'two', '65'])
      expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, WORKER_WORKFLOW_THREADS: bad })).toThrow(/WORKER_WORKFLOW_THREADS/);
  });

  it('ignores variables it does not own', () => {
    expect(loadConfig({ ...BASE, JWT_SECRET: SECRET, PATH: '/usr/bin', HOME: '/root', SOMETHING_ELSE: 'x' })).not.toHaveProperty('PATH');
  });

  it('lists every bad variable in one error, not the first only', () => {
    let message = '';
    try {
      loadConfig({
        JWT_SECRET: SECRET,
        NODE_ENV: 'staging',
        PORT: '70000',
        DATABASE_POOL_SIZE: 'ten',
        TEMPORAL_ADDRESS: 'temporal',
        JWT_TTL: '8 hours',
        CORS_ORIGINS: 'ftp://example.org',
        SMTP_URL: 'mail.example.org',
        COMMITMENTS_SYNC_URL: 'example.org/commitments',
        AUDIT_CHECKPOINT_INTERVAL: '1d',
      });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const name of [
      'DATABASE_URL',
      'NODE_ENV',
      'PORT',
      'DATABASE_POOL_SIZE',
      'TEMPORAL_ADDRESS',
      'JWT_TTL',
      'CORS_ORIGINS',
      'SMTP_URL',
      'COMMITMENTS_SYNC_URL',
      'AUDIT_CHECKPOINT_INTERVAL',
    ]) {
      expect(message).toMatch(new RegExp(`^  ${name}: `, 'm'));
    }
  });

  it('accepts the documented forms of the list and URL settings', () => {
    const c = loadConfig({
      ...BASE,
      JWT_SECRET: SECRET,
      CORS_ORIGINS: 'https://accord.example.gov.vn,http://localhost:5173',
      SMTP_URL: 'smtps://u:p@mail.example.gov.vn:465',
      COMMITMENTS_SYNC_URL: 'https://cam-ket.example.gov.vn/api',
      DATABASE_URL: 'postgresql://accord:pw@db:5432/accord',
    });
    expect(c.CORS_ORIGINS).toBe('https://accord.example.gov.vn,http://localhost:5173');
    expect(loadConfig({ ...BASE, JWT_SECRET: SECRET, CORS_ORIGINS: '*' }).CORS_ORIGINS).toBe('*');
  });
});

describe('configuration: the production guard', () => {
  const KEY = randomBytes(32).toString('hex');

  it('refuses production without the audit checkpoint key, or with a short one', () => {
    expect(() => loadConfig({ ...BASE, NODE_ENV: 'production', JWT_SECRET: SECRET })).toThrow(
      /AUDIT_CHECKPOINT_KEY: must be set in production/,
    );
    expect(() => loadConfig({ ...BASE, NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_CHECKPOINT_KEY: 'k'.repeat(31) })).toThrow(
      /AUDIT_CHECKPOINT_KEY: .*at least 32/,
    );
    expect(loadConfig({ ...BASE, NODE_ENV: 'production', JWT_SECRET: SECRET, AUDIT_CHECKPOINT_KEY: KEY }).AUDIT_CHECKPOINT_KEY).toBe(KEY);
  });

  it('in production names both missing secrets at once', () => {
    expect(() => loadConfig({ ...BASE, NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required[\s\S]*AUDIT_CHECKPOINT_KEY: must be set/);
  });

  it('outside production the checkpoint key stays optional (no checkpoint is written then)', () => {
    for (const NODE_ENV of ['development', 'test'])
      expect(loadConfig({ ...BASE, NODE_ENV, JWT_SECRET: SECRET }).AUDIT_CHECKPOINT_KEY).toBeUndefined();
  });

  it('checks the secret even in development mode: a weak one given is refused, not replaced', () => {
    expect(() => loadConfig({ ...BASE, ACCORD_DEV_MODE: '1', JWT_SECRET: 'short' })).toThrow(
      /JWT_SECRET: must be at least 32 random bytes/,
    );
    expect(() => loadConfig({ ...BASE, ACCORD_DEV_MODE: '1', JWT_SECRET: 'xy'.repeat(30) })).toThrow(/JWT_SECRET: does not look random/);
  });
});

describe('configuration: single sign-on (OIDC)', () => {
  it('is off without OIDC_ISSUER, with local login on and the documented claim names', () => {
    const c = loadConfig({ ...BASE, JWT_SECRET: SECRET });
    expect(c.OIDC_ISSUER).toBeUndefined();
    expect(c.OIDC_CLIENT_SECRET).toBeUndefined();
    expect(c).toMatchObject({
      LOCAL_LOGIN_ENABLED: true,
      OIDC_AGENCY_CLAIM: 'agency',
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_POST_LOGIN_URL: '/login/oidc',
    });
  });

  it('with OIDC_ISSUER, requires the client id, secret and redirect URI (no secret has a default)', () => {
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, OIDC_ISSUER: 'https://sso.gov.vn/realms/accord' })).toThrow(
      /OIDC_CLIENT_ID: required[\s\S]*OIDC_CLIENT_SECRET: required[\s\S]*OIDC_REDIRECT_URI: required/,
    );
    const c = loadConfig({
      ...BASE,
      JWT_SECRET: SECRET,
      OIDC_ISSUER: 'https://sso.gov.vn/realms/accord',
      OIDC_CLIENT_ID: 'accord',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URI: 'https://accord.gov.vn/auth/oidc/callback',
      LOCAL_LOGIN_ENABLED: 'false',
      OIDC_ROLES_CLAIM: 'roles',
    });
    expect(c).toMatchObject({ LOCAL_LOGIN_ENABLED: false, OIDC_ROLES_CLAIM: 'roles', OIDC_CLIENT_ID: 'accord' });
  });

  it('refuses an issuer that is not an http(s) URL', () => {
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, OIDC_ISSUER: 'sso.gov.vn' })).toThrow(
      /OIDC_ISSUER: OIDC_ISSUER must be an http\(s\) URL/,
    );
  });
});

describe('configuration: official records (signed copies, edXML)', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

  it('takes SIGNING_TRUST_ANCHORS as PEM text or the path of a file, and refuses a path to nothing', () => {
    expect(signingTrustAnchorsPem(loadConfig({ ...BASE, JWT_SECRET: SECRET }))).toEqual([]);
    expect(signingTrustAnchorsPem(loadConfig({ ...BASE, JWT_SECRET: SECRET, SIGNING_TRUST_ANCHORS: PEM }))).toEqual([PEM.trim()]);
    const dir = mkdtempSync(join(tmpdir(), 'accord-anchors-'));
    const file = join(dir, 'anchors.pem');
    writeFileSync(file, PEM);
    expect(signingTrustAnchorsPem(loadConfig({ ...BASE, JWT_SECRET: SECRET, SIGNING_TRUST_ANCHORS: file }))).toEqual([PEM]);
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, SIGNING_TRUST_ANCHORS: join(dir, 'missing.pem') })).toThrow(
      /SIGNING_TRUST_ANCHORS: neither PEM/,
    );
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, EDXML_ORGAN_DIRECTORY: join(dir, 'organs.json') })).toThrow(
      /EDXML_ORGAN_DIRECTORY: no such file/,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
