// A certified OpenID Provider (oidc-provider) for the single sign-on tests, run as its own Node process because it is
// ESM-only and Jest's module system cannot load it (docs/sso.md, "Tests"). One confidential client, PKCE required,
// two demo government accounts; the login "page" is a plain form posted by the test (password `demo`), and the
// client is pre-consented, as a first-party client at an agency's Keycloak would be.
//
// Environment: OIDC_TEST_PORT, OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URI.
// Prints `oidc-provider ready <issuer>` once listening.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;

/** Demo government accounts: agency by the `agency` claim, roles by the `groups` claim. */
export const ACCOUNTS = {
  'cv-sct-001': {
    email: 'chuyenvien.sso@sct.hatinh.gov.vn',
    email_verified: true,
    name: 'Trần Thị Chuyên Viên',
    agency: 'HT-SCT',
    groups: ['SUBMITTER', '/nhan-vien'],
  },
  // The browser test's own account: the integration test creates cv-sct-001 through another provider (another
  // issuer) on the same database, and an e-mail already linked to another issuer is refused by design.
  'cv-sct-002': {
    email: 'chuyenvien2.sso@sct.hatinh.gov.vn',
    email_verified: true,
    name: 'Phạm Thị Trình Duyệt',
    agency: 'HT-SCT',
    groups: ['SUBMITTER'],
  },
  'ld-sngv-001': {
    email: 'lanhdao.sso@sngv.hatinh.gov.vn',
    email_verified: true,
    name: 'Lê Văn Lãnh Đạo',
    agency: 'HT-SNGV',
    groups: ['lanh-dao-so'],
  },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_TEST_CLIENT_ID,
      client_secret: process.env.OIDC_TEST_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_TEST_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'agency', 'groups'] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, sub) => (ACCOUNTS[sub] ? { accountId: sub, claims: () => ({ sub, ...ACCOUNTS[sub] }) } : undefined),
  // Pre-consented: a grant of what the client asks for is made at first use instead of a consent screen.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email');
    await grant.save();
    return grant;
  },
});

const readForm = (req) =>
  new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });

const callback = provider.callback();
createServer(async (req, res) => {
  const m = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
  if (!m) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return res.end(
        `<form method="post" action="/interaction/${details.uid}"><input name="login"><input name="password" type="password"><button>Đăng nhập</button></form>`,
      );
    }
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    if (!ACCOUNTS[login] || form.get('password') !== 'demo') {
      res.statusCode = 401;
      return res.end('wrong login or password');
    }
    return await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.statusCode = 400;
    res.end(String(err?.message ?? err));
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider ready ${issuer}`));
