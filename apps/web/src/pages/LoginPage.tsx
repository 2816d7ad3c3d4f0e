import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ErrorSummary, TextField } from '../components/form';
import { Alert, PageTitle } from '../components/ui';
import { homePath, login, signInProviders, useSession } from '../auth/session';
import { API_BASE } from '../lib/api';
import { problemMessage } from '../lib/problem-message';
import { useProblemI18n } from '../lib/use-problem-i18n';
import { useSubmit } from '../lib/use-submit';
import type { Issue } from '../lib/validation';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { t } = useTranslation();
  const problemI18n = useProblemI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const [providers, setProviders] = useState<{ local: boolean; oidc: boolean }>({ local: true, oidc: false });
  const from = (location.state as { from?: string } | null)?.from;

  useEffect(() => {
    void signInProviders().then(setProviders);
  }, []);

  const form = useSubmit(
    () => {
      const found: Issue[] = [];
      if (!email.trim()) found.push({ field: 'email', key: 'validation.required' });
      else if (!EMAIL.test(email.trim())) found.push({ field: 'email', key: 'validation.email' });
      if (!password) found.push({ field: 'password', key: 'validation.required' });
      setIssues(found);
      return found.length ? undefined : login(email.trim(), password);
    },
    { onSuccess: (s) => void navigate(from ?? homePath(s.user), { replace: true }) },
  );
  // Wrong credentials and throttling get the login's own words; anything else is said as everywhere else, by its code.
  const failure = !form.error
    ? null
    : form.error.status === 401
      ? t('login.wrong')
      : form.error.status === 429
        ? t('login.throttled')
        : problemMessage(problemI18n, { ...form.error.problem, status: form.error.status });

  if (session) return <Navigate to={from ?? homePath(session.user)} replace />;

  const fieldError = (field: string) => {
    const i = issues.find((x) => x.field === field);
    return i ? t(i.key!) : undefined;
  };

  return (
    <div className="login-page">
      <div className="login-card">
        <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
        <p className="muted">{t('login.intro')}</p>
        <ErrorSummary issues={issues} labelOf={(f) => t(`login.${f}`)} version={form.attempt} />
        {failure ? (
          <Alert kind="error" focus>
            {failure}
          </Alert>
        ) : null}
        {providers.oidc ? (
          <>
            {/* A full-page navigation: the api redirects to the agency's sign-in provider (docs/sso.md). */}
            <a className="button button-primary" href={`${API_BASE}/auth/oidc/login`} data-testid="oidc-login">
              {t('login.oidc')}
            </a>
            {providers.local ? <p className="muted">{t('login.or')}</p> : null}
          </>
        ) : null}
        {providers.local ? (
          <form onSubmit={form.onSubmit} noValidate>
            <TextField
              path="email"
              label={t('login.email')}
              type="email"
              autoComplete="username"
              value={email}
              onChange={setEmail}
              error={fieldError('email')}
              required
            />
            <TextField
              path="password"
              label={t('login.password')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={fieldError('password')}
              required
            />
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {form.busy ? t('login.signingIn') : t('login.submit')}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
