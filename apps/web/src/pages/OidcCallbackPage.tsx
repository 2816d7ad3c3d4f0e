import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, PageTitle } from '../components/ui';
import { finishOidcSignIn, homePath } from '../auth/session';

/**
 * Where the api sends the browser after a government-account sign-in, with Accord's tokens in the URL fragment. The
 * fragment is wiped from the address bar and history at once, before anything else runs (docs/sso.md, "Handing over").
 */
export function OidcCallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const fragment = window.location.hash;
    window.history.replaceState(null, '', window.location.pathname);
    finishOidcSignIn(fragment).then(
      (s) => void navigate(homePath(s.user), { replace: true }),
      () => setFailed(true),
    );
  }, [navigate]);

  return (
    <div className="login-page">
      <div className="login-card">
        <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
        {failed ? (
          <Alert kind="error" focus>
            {t('login.oidcFailed')} <Link to="/login">{t('login.again')}</Link>
          </Alert>
        ) : (
          <p className="muted">{t('login.oidcFinishing')}</p>
        )}
      </div>
    </div>
  );
}
