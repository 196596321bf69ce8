import { lazy } from 'solid-js';
import { Navigate, Route, Router } from '@solidjs/router';
import { AppShell } from '../features/shell/app-shell.tsx';
import { NotFoundPage } from '../features/shell/not-found-page.tsx';
import { visibleSettingsTabs } from '../features/settings/settings-tabs.ts';

const SignInPage = lazy(() => import('./sign-in.tsx'));
const InvitePage = lazy(() => import('./invite.tsx'));
const SettingsLayout = lazy(() => import('./settings/settings-layout.tsx'));
const MembersPage = lazy(() => import('./settings/members.tsx'));
const ApiKeysPage = lazy(() => import('./settings/api-keys.tsx'));
const WebhooksPage = lazy(() => import('./settings/webhooks.tsx'));
const AuditPage = lazy(() => import('./settings/audit.tsx'));
const FieldsPage = lazy(() => import('./settings/fields.tsx'));
const ScoringPage = lazy(() => import('./settings/scoring.tsx'));
const TopicsPage = lazy(() => import('./settings/topics.tsx'));
const SendingPage = lazy(() => import('./settings/sending.tsx'));
const InboxSettingsPage = lazy(() => import('./settings/inbox-settings.tsx'));
const SandboxPage = lazy(() => import('./sandbox.tsx'));
const ContactsPage = lazy(() => import('./contacts.tsx'));
const ContactDetailPage = lazy(() => import('./contact-detail.tsx'));
const ContactImportPage = lazy(() => import('./contact-import.tsx'));
const SegmentsPage = lazy(() => import('./segments.tsx'));
const SegmentEditorPage = lazy(() => import('./segment-editor.tsx'));
const TemplatesPage = lazy(() => import('./templates.tsx'));
const TemplateEditorPage = lazy(() => import('./template-editor.tsx'));
const CampaignsPage = lazy(() => import('./campaigns.tsx'));
const CampaignPage = lazy(() => import('./campaign.tsx'));
const JourneysPage = lazy(() => import('./journeys.tsx'));
const JourneyBuilderPage = lazy(() => import('./journey-builder.tsx'));
const ReportsPage = lazy(() => import('./reports.tsx'));
const InboxPage = lazy(() => import('./inbox.tsx'));

/** The first tab the role may open (admins: members; marketers: the sending policy). */
const SettingsHome = () => <Navigate href={visibleSettingsTabs()[0]?.href ?? '/contacts'} />;

/** Routes shaped like the URLs they serve. */
export function AppRoutes() {
  return (
    <Router>
      <Route path="/sign-in" component={SignInPage} />
      <Route path="/invite/:token" component={InvitePage} />
      <Route path="/" component={AppShell}>
        <Route path="/" component={() => <Navigate href="/contacts" />} />
        <Route path="/contacts" component={ContactsPage} />
        <Route path="/contacts/import" component={ContactImportPage} />
        <Route path="/contacts/:id" component={ContactDetailPage} />
        <Route path="/segments" component={SegmentsPage} />
        <Route path="/segments/:id" component={SegmentEditorPage} />
        <Route path="/templates" component={TemplatesPage} />
        <Route path="/templates/:id" component={TemplateEditorPage} />
        <Route path="/campaigns" component={CampaignsPage} />
        <Route path="/campaigns/:id" component={CampaignPage} />
        <Route path="/journeys" component={JourneysPage} />
        <Route path="/journeys/:id" component={JourneyBuilderPage} />
        <Route path="/inbox" component={InboxPage} />
        <Route path="/reports" component={ReportsPage} />
        <Route path="/settings" component={SettingsLayout}>
          <Route path="/" component={SettingsHome} />
          <Route path="/members" component={MembersPage} />
          <Route path="/api-keys" component={ApiKeysPage} />
          <Route path="/webhooks" component={WebhooksPage} />
          <Route path="/audit" component={AuditPage} />
          <Route path="/fields" component={FieldsPage} />
          <Route path="/scoring" component={ScoringPage} />
          <Route path="/topics" component={TopicsPage} />
          <Route path="/sending" component={SendingPage} />
          <Route path="/inbox" component={InboxSettingsPage} />
        </Route>
        <Route path="/sandbox" component={SandboxPage} />
        <Route path="*404" component={NotFoundPage} />
      </Route>
    </Router>
  );
}
