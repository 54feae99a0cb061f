import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Route } from 'react-router';
import { RequireAuth } from './auth/require-auth';
import { PageLoader } from './components/query-state';
import { AppLayout } from './layout/app-layout';
import { CompletenessPage } from './pages/completeness-page';
import { DashboardPage } from './pages/dashboard-page';
import { DuplicatesPage } from './pages/duplicates-page';
import { EmailConfirmPage } from './pages/email-confirm-page';
import { HomePage } from './pages/home-page';
import { ImportPage } from './pages/import-page';
import { ImportsPage } from './pages/imports-page';
import { LoginPage } from './pages/login-page';
import { MemberPage } from './pages/member-page';
import { MembersPage } from './pages/members-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrgPage } from './pages/org-page';
import { OrgsPage } from './pages/orgs-page';
import { ShortPassportPage } from './pages/short-passport-page';
import { UnsubscribePage } from './pages/unsubscribe-page';

// Loaded when opened: they need the contracts' validation schemas (zod), which the other pages
// do without, and admins alone see the audit log. Users are managed by editors and admins only.
const AuditPage = lazy(() => import('./pages/audit-page').then((m) => ({ default: m.AuditPage })));
// The outbox is the admins' too.
const MailPage = lazy(() => import('./pages/mail-page').then((m) => ({ default: m.MailPage })));
const LetterPage = lazy(() =>
  import('./pages/letter-page').then((m) => ({ default: m.LetterPage })),
);
// Mailings are the editors' and admins'.
const MailingsPage = lazy(() =>
  import('./pages/mailings-page').then((m) => ({ default: m.MailingsPage })),
);
const MailingNewPage = lazy(() =>
  import('./pages/mailing-new-page').then((m) => ({ default: m.MailingNewPage })),
);
const MailingPage = lazy(() =>
  import('./pages/mailing-page').then((m) => ({ default: m.MailingPage })),
);
// Applications to join: the chairmen's and the staff's of the subtree.
const ApplicationsPage = lazy(() =>
  import('./pages/applications-page').then((m) => ({ default: m.ApplicationsPage })),
);
const ApplicationPage = lazy(() =>
  import('./pages/application-page').then((m) => ({ default: m.ApplicationPage })),
);
// Statistical reports (forms 2 СП – 5 СП): the chairmen fill them in, the staff above collect.
const ReportsPage = lazy(() =>
  import('./pages/reports-page').then((m) => ({ default: m.ReportsPage })),
);
const ReportPage = lazy(() =>
  import('./pages/report-page').then((m) => ({ default: m.ReportPage })),
);
const CampaignsPage = lazy(() =>
  import('./pages/campaigns-page').then((m) => ({ default: m.CampaignsPage })),
);
const CampaignPage = lazy(() =>
  import('./pages/campaign-page').then((m) => ({ default: m.CampaignPage })),
);
const ConsolidatedPage = lazy(() =>
  import('./pages/consolidated-page').then((m) => ({ default: m.ConsolidatedPage })),
);
const SecurityPage = lazy(() =>
  import('./pages/security-page').then((m) => ({ default: m.SecurityPage })),
);
const UsersPage = lazy(() => import('./pages/users-page').then((m) => ({ default: m.UsersPage })));
// The member's cabinet and the public join form: people outside the staff, on their phones.
const CabinetLayout = lazy(() =>
  import('./cabinet/cabinet-layout').then((m) => ({ default: m.CabinetLayout })),
);
const CabinetLoginPage = lazy(() =>
  import('./pages/cabinet-login-page').then((m) => ({ default: m.CabinetLoginPage })),
);
const CabinetHomePage = lazy(() =>
  import('./pages/cabinet-home-page').then((m) => ({ default: m.CabinetHomePage })),
);
const CabinetDataPage = lazy(() =>
  import('./pages/cabinet-data-page').then((m) => ({ default: m.CabinetDataPage })),
);
const CabinetAccessPage = lazy(() =>
  import('./pages/cabinet-access-page').then((m) => ({ default: m.CabinetAccessPage })),
);
const JoinPage = lazy(() => import('./pages/join-page').then((m) => ({ default: m.JoinPage })));
// The e-card and PROFCARDS: cards to hand over (chairmen), producer batches and partners
// (admins), the programme's statistics; the member's bonuses in the cabinet.
const CardsToIssuePage = lazy(() =>
  import('./pages/cards-to-issue-page').then((m) => ({ default: m.CardsToIssuePage })),
);
const CardBatchesPage = lazy(() =>
  import('./pages/card-batches-page').then((m) => ({ default: m.CardBatchesPage })),
);
const PartnersPage = lazy(() =>
  import('./pages/partners-page').then((m) => ({ default: m.PartnersPage })),
);
const PartnerPage = lazy(() =>
  import('./pages/partner-page').then((m) => ({ default: m.PartnerPage })),
);
const BonusPage = lazy(() => import('./pages/bonus-page').then((m) => ({ default: m.BonusPage })));
const CabinetBonusesPage = lazy(() =>
  import('./pages/cabinet-bonuses-page').then((m) => ({ default: m.CabinetBonusesPage })),
);
// Additional social support: the benefits catalogue and the aid requests' queue and totals
// (staff), «Льготы и помощь» in the member's cabinet.
const BenefitsPage = lazy(() =>
  import('./pages/benefits-page').then((m) => ({ default: m.BenefitsPage })),
);
const AidRequestsPage = lazy(() =>
  import('./pages/aid-requests-page').then((m) => ({ default: m.AidRequestsPage })),
);
const AidTotalsPage = lazy(() =>
  import('./pages/aid-totals-page').then((m) => ({ default: m.AidTotalsPage })),
);
const CabinetBenefitsPage = lazy(() =>
  import('./pages/cabinet-benefits-page').then((m) => ({ default: m.CabinetBenefitsPage })),
);

// Surveys and tests: the staff's builder and results, the chairman's «Опросы», the member's
// form in the cabinet.
const SurveysPage = lazy(() =>
  import('./pages/surveys-page').then((m) => ({ default: m.SurveysPage })),
);
const SurveyNewPage = lazy(() =>
  import('./pages/survey-new-page').then((m) => ({ default: m.SurveyNewPage })),
);
const SurveyPage = lazy(() =>
  import('./pages/survey-page').then((m) => ({ default: m.SurveyPage })),
);
const SurveyResultsPage = lazy(() =>
  import('./pages/survey-results-page').then((m) => ({ default: m.SurveyResultsPage })),
);
const AssignedSurveysPage = lazy(() =>
  import('./pages/assigned-surveys-page').then((m) => ({ default: m.AssignedSurveysPage })),
);
const AssignedSurveyPage = lazy(() =>
  import('./pages/assigned-surveys-page').then((m) => ({ default: m.AssignedSurveyPage })),
);
const CabinetSurveysPage = lazy(() =>
  import('./pages/cabinet-surveys-page').then((m) => ({ default: m.CabinetSurveysPage })),
);
const CabinetSurveyPage = lazy(() =>
  import('./pages/cabinet-surveys-page').then((m) => ({ default: m.CabinetSurveyPage })),
);

const Lazy = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<PageLoader />}>{children}</Suspense>
);

/**
 * A data router: besides links, React Router can then hold back the browser's «Назад» while a
 * form has unsaved changes (components/unsaved-changes).
 */
export function createAppRouter() {
  return createBrowserRouter(
    createRoutesFromElements(
      <>
        <Route path="/login" element={<LoginPage />} />
        {/* A letter's links: opened by anyone, with no session (and no request until pressed). */}
        <Route path="/unsubscribe" element={<UnsubscribePage />} />
        <Route path="/email/confirm" element={<EmailConfirmPage />} />
        {/* The member's cabinet (a member's own session) and joining (no session at all). */}
        <Route
          path="/cabinet/login"
          element={
            <Lazy>
              <CabinetLoginPage />
            </Lazy>
          }
        />
        <Route
          path="/cabinet"
          element={
            <Lazy>
              <CabinetLayout />
            </Lazy>
          }
        >
          <Route index element={<CabinetHomePage />} />
          <Route path="data" element={<CabinetDataPage />} />
          <Route path="access" element={<CabinetAccessPage />} />
          <Route path="bonuses" element={<CabinetBonusesPage />} />
          <Route path="benefits" element={<CabinetBenefitsPage />} />
          <Route path="surveys" element={<CabinetSurveysPage />} />
          <Route path="surveys/:id" element={<CabinetSurveyPage />} />
          <Route path="*" element={<Navigate to="/cabinet" replace />} />
        </Route>
        <Route
          path="/join"
          element={
            <Lazy>
              <JoinPage />
            </Lazy>
          }
        />
        <Route
          element={
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="orgs" element={<OrgsPage />} />
          <Route path="orgs/:id" element={<OrgPage />} />
          <Route path="orgs/:id/dashboard" element={<DashboardPage />} />
          <Route path="orgs/:id/completeness/:indicator" element={<CompletenessPage />} />
          <Route path="orgs/:id/short-passport" element={<ShortPassportPage />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="members/duplicates" element={<DuplicatesPage />} />
          <Route path="members/:id" element={<MemberPage />} />
          <Route path="imports" element={<ImportsPage />} />
          <Route path="imports/:id" element={<ImportPage />} />
          <Route
            path="account/security"
            element={
              <Lazy>
                <SecurityPage />
              </Lazy>
            }
          />
          <Route
            path="audit"
            element={
              <Lazy>
                <AuditPage />
              </Lazy>
            }
          />
          <Route
            path="mail"
            element={
              <Lazy>
                <MailPage />
              </Lazy>
            }
          />
          <Route
            path="mail/:id"
            element={
              <Lazy>
                <LetterPage />
              </Lazy>
            }
          />
          <Route
            path="mailings"
            element={
              <Lazy>
                <MailingsPage />
              </Lazy>
            }
          />
          <Route
            path="mailings/new"
            element={
              <Lazy>
                <MailingNewPage />
              </Lazy>
            }
          />
          <Route
            path="mailings/:id"
            element={
              <Lazy>
                <MailingPage />
              </Lazy>
            }
          />
          <Route
            path="applications"
            element={
              <Lazy>
                <ApplicationsPage />
              </Lazy>
            }
          />
          <Route
            path="applications/:id"
            element={
              <Lazy>
                <ApplicationPage />
              </Lazy>
            }
          />
          <Route
            path="reports"
            element={
              <Lazy>
                <ReportsPage />
              </Lazy>
            }
          />
          <Route
            path="reports/:id"
            element={
              <Lazy>
                <ReportPage />
              </Lazy>
            }
          />
          <Route
            path="report-campaigns"
            element={
              <Lazy>
                <CampaignsPage />
              </Lazy>
            }
          />
          <Route
            path="report-campaigns/:id"
            element={
              <Lazy>
                <CampaignPage />
              </Lazy>
            }
          />
          <Route
            path="report-campaigns/:id/consolidated"
            element={
              <Lazy>
                <ConsolidatedPage />
              </Lazy>
            }
          />
          <Route
            path="users"
            element={
              <Lazy>
                <UsersPage />
              </Lazy>
            }
          />
          <Route
            path="cards/to-issue"
            element={
              <Lazy>
                <CardsToIssuePage />
              </Lazy>
            }
          />
          <Route
            path="card-batches"
            element={
              <Lazy>
                <CardBatchesPage />
              </Lazy>
            }
          />
          <Route
            path="partners"
            element={
              <Lazy>
                <PartnersPage />
              </Lazy>
            }
          />
          <Route
            path="partners/:id"
            element={
              <Lazy>
                <PartnerPage />
              </Lazy>
            }
          />
          <Route
            path="bonus"
            element={
              <Lazy>
                <BonusPage />
              </Lazy>
            }
          />
          <Route
            path="benefits"
            element={
              <Lazy>
                <BenefitsPage />
              </Lazy>
            }
          />
          <Route
            path="aid-requests"
            element={
              <Lazy>
                <AidRequestsPage />
              </Lazy>
            }
          />
          <Route
            path="aid-requests/totals"
            element={
              <Lazy>
                <AidTotalsPage />
              </Lazy>
            }
          />
          <Route
            path="surveys"
            element={
              <Lazy>
                <SurveysPage />
              </Lazy>
            }
          />
          <Route
            path="surveys/new"
            element={
              <Lazy>
                <SurveyNewPage />
              </Lazy>
            }
          />
          <Route
            path="surveys/assigned"
            element={
              <Lazy>
                <AssignedSurveysPage />
              </Lazy>
            }
          />
          <Route
            path="surveys/assigned/:id"
            element={
              <Lazy>
                <AssignedSurveyPage />
              </Lazy>
            }
          />
          <Route
            path="surveys/:id"
            element={
              <Lazy>
                <SurveyPage />
              </Lazy>
            }
          />
          <Route
            path="surveys/:id/results"
            element={
              <Lazy>
                <SurveyResultsPage />
              </Lazy>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </>,
    ),
  );
}
