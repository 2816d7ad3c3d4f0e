import { randomBytes } from 'node:crypto';
import { ConfigError, jwtSecretProblem, loadConfig } from './app-config';

const BASE = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };
const SECRET = randomBytes(32).toString('base64url');

describe('configuration: JWT secret, development mode, listen address, login limits', () => {
  it('requires JWT_SECRET outside development mode, whatever NODE_ENV says', () => {
    for (const NODE_ENV of ['development', 'test', 'production', undefined]) {
      expect(() => loadConfig({ ...BASE, NODE_ENV })).toThrow(/JWT_SECRET: required/);
    }
  });

  it('refuses the old public development secret and short or non-random ones', () => {
    for (const bad of ['accord-development-secret-change-me', 'x'.repeat(16), randomBytes(31).toString('hex'), 'ab'.repeat(40), randomBytes(24).toString('base64url')]) {
      expect(jwtSecretProblem(bad)).not.toBeNull();
      expect(() => loadConfig({ ...BASE, ACCORD_DEV_MODE: '1', JWT_SECRET: bad })).toThrow(ConfigError);
    }
  });

  it('accepts 32 random bytes as hex or base64(url)', () => {
    for (const good of [randomBytes(32).toString('hex'), randomBytes(32).toString('base64'), SECRET]) {
      expect(jwtSecretProblem(good)).toBeNull();
      expect(loadConfig({ ...BASE, NODE_ENV: 'production', JWT_SECRET: good, AUDIT_CHECKPOINT_KEY: randomBytes(32).toString('hex') }).JWT_SECRET).toBe(good);
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
    const c = loadConfig({ ...BASE, JWT_SECRET: SECRET, LOGIN_IP_LIMIT: '25', LOGIN_TRUSTED_PROXIES: '10.0.0.0/8,::1', LOGIN_IP_LIMIT_LOOPBACK: 'true' });
    expect([c.LOGIN_IP_LIMIT, c.LOGIN_TRUSTED_PROXIES, c.LOGIN_IP_LIMIT_LOOPBACK]).toEqual([25, '10.0.0.0/8,::1', true]);
    expect(loadConfig({ ...BASE, JWT_SECRET: SECRET }).LOGIN_IP_LIMIT).toBe(300);
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, LOGIN_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/LOGIN_TRUSTED_PROXIES/);
    expect(() => loadConfig({ ...BASE, JWT_SECRET: SECRET, LOGIN_TRUSTED_PROXIES: 'proxy.local' })).toThrow(/LOGIN_TRUSTED_PROXIES/);
  });
});
