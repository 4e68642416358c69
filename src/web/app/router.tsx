import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { hasAdminSection } from '../modules/session/permissions.ts';
import { useSignedInMe } from '../modules/session/session.ts';
import { AcceptInvitationPage } from '../pages/AcceptInvitationPage.tsx';
import { AgreementPage } from '../pages/agreements/AgreementPage.tsx';
import { AgreementsPage } from '../pages/agreements/AgreementsPage.tsx';
import { DelegationPage } from '../pages/delegations/DelegationPage.tsx';
import { DelegationsPage } from '../pages/delegations/DelegationsPage.tsx';
import { NewDelegationPage } from '../pages/delegations/NewDelegationPage.tsx';
import { EditAgreementPage, NewAgreementPage } from '../pages/agreements/AgreementEditPage.tsx';
import { ApiTokensPage } from '../pages/admin/ApiTokensPage.tsx';
import { AuditPage } from '../pages/admin/AuditPage.tsx';
import { InvitationsPage } from '../pages/admin/InvitationsPage.tsx';
import { OutboxPage } from '../pages/admin/OutboxPage.tsx';
import { UsersPage } from '../pages/admin/UsersPage.tsx';
import { CalendarPage } from '../pages/CalendarPage.tsx';
import { DashboardPage, MyDashboardRedirect } from '../pages/DashboardPage.tsx';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage.tsx';
import { HomePage } from '../pages/HomePage.tsx';
import { InstitutionPage } from '../pages/InstitutionPage.tsx';
import { InstitutionsPage } from '../pages/InstitutionsPage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { MyProfilePage } from '../pages/MyProfilePage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { PeoplePage } from '../pages/PeoplePage.tsx';
import { PersonPage } from '../pages/PersonPage.tsx';
import { ResetPasswordPage } from '../pages/ResetPasswordPage.tsx';
import { AdmissionsPage } from '../modules/admissions/AdmissionsPage.tsx';
import { ComparePage } from '../modules/admissions/ComparePage.tsx';
import { RunResultsPage } from '../modules/admissions/RunResultsPage.tsx';
import { SeasonPage } from '../modules/admissions/SeasonPage.tsx';
import { ExamPage } from '../modules/exams/ExamPage.tsx';
import { ExamsPage } from '../modules/exams/ExamsPage.tsx';
import { ResultLookupPage } from '../modules/exams/ResultLookupPage.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { Shell } from './Shell.tsx';

/** The admin section exists only for those the server lets manage accounts, read the audit log or the outbox. */
function AdminOnly(): ReactNode {
  const me = useSignedInMe();
  return hasAdminSection(me) ? <Outlet /> : <NotFoundPage />;
}

/** The admissions pages exist only for those the server lets run admissions (GET /me `runAdmissions`). */
function AdmissionsOnly(): ReactNode {
  const me = useSignedInMe();
  return me.permissions.runAdmissions ? <Outlet /> : <NotFoundPage />;
}

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/accept-invitation', element: <AcceptInvitationPage /> },
      // Candidates look up their exam results without an account.
      { path: '/results', element: <ResultLookupPage /> },
    ],
  },
  {
    element: <Shell />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/institutions', element: <InstitutionsPage /> },
      { path: '/institutions/:id', element: <InstitutionPage /> },
      { path: '/institutions/:id/dashboard', element: <DashboardPage /> },
      { path: '/dashboard', element: <MyDashboardRedirect /> },
      { path: '/people', element: <PeoplePage /> },
      { path: '/people/:id', element: <PersonPage /> },
      { path: '/agreements', element: <AgreementsPage /> },
      { path: '/agreements/new', element: <NewAgreementPage /> },
      { path: '/agreements/:id', element: <AgreementPage /> },
      { path: '/agreements/:id/edit', element: <EditAgreementPage /> },
      { path: '/delegations', element: <DelegationsPage /> },
      { path: '/delegations/new', element: <NewDelegationPage /> },
      { path: '/delegations/:id', element: <DelegationPage /> },
      { path: '/calendar', element: <CalendarPage /> },
      { path: '/exams', element: <ExamsPage /> },
      { path: '/exams/:id', element: <ExamPage /> },
      {
        path: '/admissions',
        element: <AdmissionsOnly />,
        children: [
          { index: true, element: <AdmissionsPage /> },
          { path: ':id', element: <SeasonPage /> },
          { path: 'runs/:id', element: <RunResultsPage /> },
          { path: 'runs/:id/compare', element: <ComparePage /> },
        ],
      },
      { path: '/me', element: <MyProfilePage /> },
      {
        path: '/admin',
        element: <AdminOnly />,
        children: [
          { index: true, element: <Navigate to="/admin/users" replace /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'invitations', element: <InvitationsPage /> },
          { path: 'api-tokens', element: <ApiTokensPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'outbox', element: <OutboxPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
