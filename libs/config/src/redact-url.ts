/**
 * An endpoint URL as the api may show it: a user name, password and query values (where tokens usually travel) are
 * replaced by `***`. COMMITMENTS_SYNC_URL may carry the national database's credentials, and GET
 * /admin/commitments-sync is read by AUDITOR: configuration secrets are not audit evidence (issue 12, item 13).
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '***';
  }
  if (url.username) url.username = '***';
  if (url.password) url.password = '***';
  for (const key of [...new Set(url.searchParams.keys())]) url.searchParams.set(key, '***');
  if (url.hash) url.hash = '';
  return url.toString();
}
