import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { hasRole, logout, useSession } from '../auth/session';
import { notificationsLink } from '../lib/format';
import { agencyLabel } from '../lib/labels';
import { useUnreadCount } from '../lib/notifications';
import type { User } from '../lib/types';
import { LanguageSwitch } from './ui';

function navItems(user: User): { to: string; key: string; end?: boolean }[] {
  const items: { to: string; key: string; end?: boolean }[] = [];
  const add = (to: string, key: string, end = false) => {
    if (!items.some((i) => i.to === to)) items.push({ to, key, end });
  };
  if (hasRole(user, 'SUBMITTER')) {
    add('/proposals', 'nav.myProposals', true);
    add('/proposals/new', 'nav.newProposal');
    add('/inbox', 'nav.inbox');
  }
  if (hasRole(user, 'LEADER')) add('/decisions', 'nav.decisions');
  if (hasRole(user, 'REVIEWER', 'AGENCY_HEAD', 'LEADER')) {
    add('/inbox', 'nav.inbox');
    add('/proposals', 'nav.proposals', true);
  }
  if (hasRole(user, 'ADMIN', 'AUDITOR')) {
    add('/admin/proposals', 'nav.search');
    add('/admin/audit', 'nav.audit');
    add('/admin/incidents', 'nav.incidents');
  }
  // The records officer (văn thư) numbers the decisions of the proposals its agency took part in.
  if (hasRole(user, 'CLERK')) add('/proposals', 'nav.proposals', true);
  // Outgoing-document registers: read by the agency's members (the records officer and leaders use them) and auditors.
  if (hasRole(user, 'CLERK', 'LEADER', 'AGENCY_HEAD', 'AUDITOR')) add('/registers', 'nav.register');
  // Incoming documents over edXML: the province's foreign-affairs department receives them, ADMIN and AUDITOR read them.
  if (hasRole(user, 'ADMIN', 'AUDITOR') || (user.agency && user.agency.code === `${user.province ?? 'HT'}-SNGV`))
    add('/incoming-documents', 'nav.incoming');
  if (hasRole(user, 'ADMIN', 'AUDITOR', 'LEADER')) add('/admin/dashboard', 'nav.dashboard');
  // Anyone may read the calendar; administrators keep it.
  if (hasRole(user, 'ADMIN', 'AUDITOR')) add('/calendar', 'nav.holidays');
  if (hasRole(user, 'ADMIN', 'AUDITOR')) add('/policy', 'nav.policy');
  // The platform administrator belongs to no province: provinces are all there is to see.
  if (hasRole(user, 'PLATFORM_ADMIN')) {
    add('/platform/provinces', 'nav.provinces');
    return items;
  }
  // Plans are read by everyone; members of a lead agency report progress on its items.
  add('/plans', 'nav.plans');
  // Cycles are followed by everyone who reports; HT-SNGV consolidates, leaders read the consolidated report.
  add('/report-cycles', 'nav.reportCycles');
  // Only agency members receive tasks, so only they can hand them to a substitute while away.
  if (user.agency) add('/account', 'nav.account');
  return items;
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const user = session?.user;
  const unread = useUnreadCount(Boolean(user));
  const link = notificationsLink(t, unread);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">Accord</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="header-tools">
          <LanguageSwitch />
          {user ? (
            <div className="user-box">
              <span className="user-name">{user.fullName}</span>
              <span className="user-agency">
                {user.agency ? agencyLabel(t, user.agency.code, user.agency.name) : user.roles.map((r) => t(`role.${r}`)).join(', ')}
              </span>
              {user.provinceName ? <span className="user-province">{user.provinceName}</span> : null}
              <NavLink to="/notifications" className="notifications-link" aria-label={link.label}>
                <span aria-hidden="true">{t('notifications.title')}</span>{' '}
                {link.badge ? (
                  <span className="count-badge" aria-hidden="true" data-unread={unread}>
                    {link.badge}
                  </span>
                ) : null}
              </NavLink>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  logout();
                  void navigate('/login');
                }}
              >
                {t('nav.logout')}
              </button>
            </div>
          ) : null}
        </div>
      </header>
      {user ? (
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {navItems(user).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </>
  );
}
