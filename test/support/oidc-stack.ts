import { randomBytes } from 'node:crypto';
import type { StackInfo } from '../integration/stack';
import { freePort, startChild, stopChild, waitUntil } from './processes';

export interface OidcStack {
  /** The second api, with single sign-on on and password login off. */
  apiUrl: string;
  issuer: string;
  stop(): Promise<void>;
}

/**
 * A test OpenID Provider (test/support/oidc-provider.mjs, its own Node process: oidc-provider is ESM-only) and a second
 * api configured for it on the stack's database and Temporal (docs/sso.md, "Tests").
 */
export async function startOidcStack(s: StackInfo, extraEnv: Record<string, string> = {}): Promise<OidcStack> {
  const [providerPort, apiPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const issuer = `http://127.0.0.1:${providerPort}`;
  const client = { id: 'accord-test', secret: randomBytes(24).toString('hex'), redirect: `${apiUrl}/api/v1/auth/oidc/callback` };
  const provider = startChild('oidc-provider', process.execPath, ['test/support/oidc-provider.mjs'], {
    OIDC_TEST_PORT: String(providerPort),
    OIDC_TEST_CLIENT_ID: client.id,
    OIDC_TEST_CLIENT_SECRET: client.secret,
    OIDC_TEST_REDIRECT_URI: client.redirect,
  });
  const api = startChild('api-oidc', process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    ...s.env,
    PORT: String(apiPort),
    OTEL_EXPORTER_OTLP_ENDPOINT: '',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: client.id,
    OIDC_CLIENT_SECRET: client.secret,
    OIDC_REDIRECT_URI: client.redirect,
    LOCAL_LOGIN_ENABLED: 'false',
    ...extraEnv,
  });
  const stop = async () => {
    await Promise.all([stopChild(api), stopChild(provider)]);
  };
  try {
    await waitUntil('oidc-provider', async () => provider.output.join('').includes('oidc-provider ready'), 60_000);
    await waitUntil('oidc api /health', async () => (await fetch(`${apiUrl}/health`)).ok, 180_000);
  } catch (err) {
    console.error(['--- oidc-provider', ...provider.output, '--- api-oidc', ...api.output].join('\n'));
    await stop();
    throw err;
  }
  return { apiUrl, issuer, stop };
}
