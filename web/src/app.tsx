import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/require-auth';
import { AppLayout } from './layout/app-layout';
import { DuplicatesPage } from './pages/duplicates-page';
import { ImportPage } from './pages/import-page';
import { ImportsPage } from './pages/imports-page';
import { LoginPage } from './pages/login-page';
import { MemberPage } from './pages/member-page';
import { MembersPage } from './pages/members-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrgPage } from './pages/org-page';
import { OrgsPage } from './pages/orgs-page';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/orgs" replace />} />
        <Route path="orgs" element={<OrgsPage />} />
        <Route path="orgs/:id" element={<OrgPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="members/duplicates" element={<DuplicatesPage />} />
        <Route path="members/:id" element={<MemberPage />} />
        <Route path="imports" element={<ImportsPage />} />
        <Route path="imports/:id" element={<ImportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
