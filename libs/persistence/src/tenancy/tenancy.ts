import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Which province the code running now acts for (issue 15, docs/provinces.md).
 *
 * The api sets it per request once it knows the caller (JwtAuthGuard, sign-in); the worker per activity, from the
 * workflow id; system jobs per province they loop over. Every connection the api or the worker takes from the pool
 * first runs `SET ROLE accord_app` and sets `accord.province` to it (installTenancy), so Postgres row-level security
 * (migration 1764000001800) shows that province's rows only, and none when no province is set.
 */
export interface TenantScope {
  /** A province code, `PLATFORM` for the platform administrators, or null while the caller is unknown. */
  province: string | null;
}

const storage = new AsyncLocalStorage<TenantScope>();

/** The pseudo-province of platform administrators: sees the province directory and themselves, no province's data. */
export const PLATFORM_SCOPE = 'PLATFORM';

/** Runs `fn` acting for `province` (and everything it awaits or starts). */
export function runInProvince<T>(province: string, fn: () => T): T {
  return storage.run({ province }, fn);
}

/**
 * Runs `fn` in a scope whose province is set later, once known (the api's request scope: the guard fills it in).
 * Everything `fn` starts shares the one scope object, so setting it anywhere inside counts for the rest.
 */
export function runInOpenScope<T>(fn: () => T): T {
  return storage.run({ province: null }, fn);
}

/** Sets the province of the current open scope; false when there is none (the caller is not inside runInOpenScope). */
export function enterProvince(province: string): boolean {
  const scope = storage.getStore();
  if (!scope) return false;
  scope.province = province;
  return true;
}

export function currentProvince(): string | null {
  return storage.getStore()?.province ?? null;
}

/** The province or fail: for code that must never run without one. */
export function requireProvince(): string {
  const province = currentProvince();
  if (!province || province === PLATFORM_SCOPE) throw new Error('no province in scope');
  return province;
}

export interface TenancyOptions {
  /**
   * The role to act as on every connection (default `accord_app`, the role row-level security applies to). Null keeps
   * the login role: only for the owner's own connections (migrations, seeds, test fixtures).
   */
  role?: string | null;
  /** The province when none is in scope. Test fixtures only: the api and the worker never set one. */
  fallbackProvince?: string;
}

const SET_SCOPE_SQL = `SELECT set_config('accord.province', $1, false)`;
const SET_SCOPE_AND_ROLE_SQL = `SELECT set_config('role', $2, false), set_config('accord.province', $1, false)`;

/**
 * Makes every connection `ds` takes from its pool act for the province in scope at the moment it is taken: one
 * statement, before the caller's first, unless the connection is set so already. A pooled connection keeps its
 * settings between uses, so every checkout ends up set for the province in scope (to '' when none is): nothing of one
 * request's province survives into the next.
 */
export function installTenancy(ds: DataSource, options: TenancyOptions = {}): void {
  const role = options.role === undefined ? 'accord_app' : options.role;
  const driver = ds.driver as unknown as { obtainMasterConnection(): Promise<[PgClient, Release]>; __tenancy?: true };
  if (driver.__tenancy) return;
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    // Read before any await: the scope of the code asking for the connection.
    const province = currentProvince() ?? options.fallbackProvince ?? '';
    const [client, release] = await obtain();
    // A connection already set for this province (and role) by its previous checkout is not set again: the settings
    // are session-level and nothing else changes them (set_config(..., true) in a transaction reverts at its end), so
    // a request in the same province as the connection's last one costs no extra round trip.
    const wanted = `${role ?? ''}\u0000${province}`;
    if (client[APPLIED] !== wanted) {
      try {
        if (role) await client.query(SET_SCOPE_AND_ROLE_SQL, [province, role]);
        else await client.query(SET_SCOPE_SQL, [province]);
        client[APPLIED] = wanted;
      } catch (error) {
        release(error); // pg destroys a client released with an error
        throw error;
      }
    }
    return [client, release];
  };
  driver.__tenancy = true;
}

type Release = (error?: unknown) => void;

/** Where a pooled connection remembers the role and province its session is set to. */
const APPLIED = Symbol('accord.tenancy.applied');

interface PgClient {
  query(sql: string, params: unknown[]): Promise<unknown>;
  [APPLIED]?: string;
}
