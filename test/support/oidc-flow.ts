/** Drives a browser's part of an OIDC Authorization Code sign-in over plain HTTP: redirects by hand, one cookie jar. */

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      // An expired cookie (the provider clears the interaction cookies) leaves the jar.
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** One request without following redirects; the answer's cookies go into the jar. */
export async function step(jar: CookieJar, url: string, init: RequestInit = {}): Promise<{ res: Response; location: string | null }> {
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  });
  jar.take(res);
  const location = res.headers.get('location');
  return { res, location: location ? new URL(location, url).href : null };
}

export interface SignInResult {
  /** Where the api sent the browser at the end, with the tokens in the fragment. */
  finalUrl: URL;
  tokens: Record<string, string>;
}

/**
 * api login -> provider authorization -> the provider's login form -> back to the authorization -> the api's callback.
 * Each hop's status is checked, so a broken hop fails with its own message.
 */
export async function oidcSignIn(
  apiUrl: string,
  account: string,
  password = 'demo',
  tamper?: (callbackUrl: URL) => void,
): Promise<SignInResult | Response> {
  const jar = new CookieJar();
  const start = await step(jar, `${apiUrl}/api/v1/auth/oidc/login`);
  if (start.res.status !== 302 || !start.location) throw new Error(`/auth/oidc/login answered ${start.res.status}`);
  let hop = await step(jar, start.location);
  // The provider sends the browser to its login interaction.
  if (!hop.location?.includes('/interaction/')) throw new Error(`authorization answered ${hop.res.status} ${await hop.res.text()}`);
  const interaction = hop.location;
  await step(jar, interaction);
  hop = await step(jar, interaction, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: account, password }).toString(),
  });
  if (!hop.location) throw new Error(`login interaction answered ${hop.res.status} ${await hop.res.text()}`);
  // Resume the authorization; it ends at our redirect_uri with the code.
  for (let i = 0; i < 5 && hop.location && !hop.location.startsWith(apiUrl); i++) hop = await step(jar, hop.location);
  if (!hop.location?.startsWith(`${apiUrl}/api/v1/auth/oidc/callback`))
    throw new Error(`never came back to the callback: ${hop.res.status} ${hop.location}`);
  const callbackUrl = new URL(hop.location);
  tamper?.(callbackUrl);
  const back = await step(new CookieJar(), callbackUrl.href);
  if (back.res.status !== 302 || !back.location) return back.res;
  const finalUrl = new URL(back.location);
  return { finalUrl, tokens: Object.fromEntries(new URLSearchParams(finalUrl.hash.slice(1))) };
}
