import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyAgainstDummy, verifyPassword } from './password';

/** A hash as the code before December 2026 wrote it: Node's default cost, no parameters stored. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

describe('password hashing (scrypt)', () => {
  it('stores the parameters in the hash, at the OWASP cost N = 2^17, r = 8, p = 1', async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(verifyPassword('correct horse', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horsE', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('still verifies hashes in the old format and asks for them to be rehashed', async () => {
    const old = legacyHash('accord-demo');
    await expect(verifyPassword('accord-demo', old)).resolves.toBe(true);
    await expect(verifyPassword('accord-demO', old)).resolves.toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it('verifies a hash made with other parameters and asks for a rehash', async () => {
    const cheap = await hashPassword('pw', { N: 1024, r: 8, p: 1 });
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(verifyPassword('pw', cheap)).resolves.toBe(true);
    expect(needsRehash(cheap)).toBe(true);
  });

  it('refuses malformed or absurd stored hashes without throwing', async () => {
    const good = await hashPassword('pw', { N: 1024, r: 8, p: 1 });
    const [, , r, p, salt, key] = good.split('$');
    for (const bad of [
      '',
      'bcrypt$x$y',
      'scrypt$$',
      `scrypt$1000$${r}$${p}$${salt}$${key}`,
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`,
      `scrypt$1024$0$1$${salt}$${key}`,
    ]) {
      await expect(verifyPassword('pw', bad)).resolves.toBe(false);
    }
  });

  it('checks an unknown account against a dummy hash of the same cost (same work as a wrong password)', async () => {
    await expect(verifyAgainstDummy('anything')).resolves.toBe(false);
    const real = await hashPassword('pw');
    const time = async (fn: () => Promise<unknown>) => {
      const t = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const wrong = await time(() => verifyPassword('nope', real));
    const unknown = await time(() => verifyAgainstDummy('nope'));
    // Both run scrypt at N = 2^17 (hundreds of ms); a shortcut would take microseconds.
    expect(unknown).toBeGreaterThan(wrong * 0.3);
  });
});
