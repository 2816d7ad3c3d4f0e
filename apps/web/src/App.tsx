import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { hasRole, homePath, useSession } from './auth/session';
import { Layout } from './components/Layout';
import { AccountPage } from './pages/AccountPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { AuditPage } from './pages/AuditPage';
import { DashboardPage } from './pages/DashboardPage';
import { DecisionsPage } from './pages/DecisionsPage';
import { HistoryPage } from './pages/HistoryPage';
import { IncidentsPage } from './pages/IncidentsPage';
import { HolidaysPage } from './pages/HolidaysPage';
import { InboxPage } from './pages/InboxPage';
import { IncomingDocumentPage } from './pages/IncomingDocumentPage';
import { IncomingDocumentsPage } from './pages/IncomingDocumentsPage';
import { LoginPage } from './pages/LoginPage';
import { OidcCallbackPage } from './pages/OidcCallbackPage';
import { NewProposalPage } from './pages/NewProposalPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PlanPage } from './pages/PlanPage';
import { PlansPage } from './pages/PlansPage';
import { PolicyPage } from './pages/PolicyPage';
import { ProposalPage } from './pages/ProposalPage';
import { ProposalsPage } from './pages/ProposalsPage';
import { ProvincesPage } from './pages/ProvincesPage';
import { RegisterPage } from './pages/RegisterPage';
import { ReportCyclePage } from './pages/ReportCyclePage';
import { ReportCyclesPage } from './pages/ReportCyclesPage';
import { TaskPage } from './pages/TaskPage';

/** Signed-in pages; the api enforces every rule again, this only keeps people off pages they cannot use. */
function RequireAuth({ roles, children }: { roles?: string[]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (roles && !hasRole(session.user, ...roles)) return <Navigate to={homePath(session.user)} replace />;
  return <>{children}</>;
}

function Home() {
  const session = useSession();
  return <Navigate to={session ? homePath(session.user) : '/login'} replace />;
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/login/oidc" element={<OidcCallbackPage />} />
          <Route path="/" element={<Home />} />
          <Route
            path="/proposals"
            element={
              <RequireAuth>
                <ProposalsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/proposals/new"
            element={
              <RequireAuth roles={['SUBMITTER']}>
                <NewProposalPage />
              </RequireAuth>
            }
          />
          <Route
            path="/proposals/:id"
            element={
              <RequireAuth>
                <ProposalPage />
              </RequireAuth>
            }
          />
          <Route
            path="/inbox"
            element={
              <RequireAuth>
                <InboxPage />
              </RequireAuth>
            }
          />
          <Route
            path="/tasks/:id"
            element={
              <RequireAuth>
                <TaskPage />
              </RequireAuth>
            }
          />
          <Route
            path="/decisions"
            element={
              <RequireAuth roles={['LEADER']}>
                <DecisionsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/admin/proposals"
            element={
              <RequireAuth roles={['ADMIN', 'AUDITOR']}>
                <ProposalsPage admin />
              </RequireAuth>
            }
          />
          <Route
            path="/admin/proposals/:id/history"
            element={
              <RequireAuth roles={['ADMIN', 'AUDITOR']}>
                <HistoryPage />
              </RequireAuth>
            }
          />
          <Route
            path="/admin/incidents"
            element={
              <RequireAuth roles={['ADMIN', 'AUDITOR']}>
                <IncidentsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/admin/audit"
            element={
              <RequireAuth roles={['ADMIN', 'AUDITOR']}>
                <AuditPage />
              </RequireAuth>
            }
          />
          <Route
            path="/admin/dashboard"
            element={
              <RequireAuth roles={['ADMIN', 'AUDITOR', 'LEADER']}>
                <DashboardPage />
              </RequireAuth>
            }
          />
          <Route
            path="/platform/provinces"
            element={
              <RequireAuth roles={['PLATFORM_ADMIN']}>
                <ProvincesPage />
              </RequireAuth>
            }
          />
          <Route
            path="/calendar"
            element={
              <RequireAuth>
                <HolidaysPage />
              </RequireAuth>
            }
          />
          <Route
            path="/policy"
            element={
              <RequireAuth>
                <PolicyPage />
              </RequireAuth>
            }
          />
          <Route
            path="/plans"
            element={
              <RequireAuth>
                <PlansPage />
              </RequireAuth>
            }
          />
          <Route
            path="/plans/:id"
            element={
              <RequireAuth>
                <PlanPage />
              </RequireAuth>
            }
          />
          <Route
            path="/report-cycles"
            element={
              <RequireAuth>
                <ReportCyclesPage />
              </RequireAuth>
            }
          />
          <Route
            path="/report-cycles/:id"
            element={
              <RequireAuth>
                <ReportCyclePage />
              </RequireAuth>
            }
          />
          <Route
            path="/registers"
            element={
              <RequireAuth>
                <RegisterPage />
              </RequireAuth>
            }
          />
          <Route
            path="/incoming-documents"
            element={
              <RequireAuth>
                <IncomingDocumentsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/incoming-documents/:id"
            element={
              <RequireAuth>
                <IncomingDocumentPage />
              </RequireAuth>
            }
          />
          <Route
            path="/notifications"
            element={
              <RequireAuth>
                <NotificationsPage />
              </RequireAuth>
            }
          />
          <Route
            path="/account"
            element={
              <RequireAuth>
                <AccountPage />
              </RequireAuth>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
