import { Alert, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Member } from '@profreestr/contracts';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { isMemberId, useMember } from '../api/members';
import { useCan } from '../auth/use-auth';
import { MemberCardsTab } from '../cards/member-cards-tab';
import { PageLoader, QueryError } from '../components/query-state';
import { type TabDef, UrlTabs } from '../components/url-tabs';
import { hasMemberActions, MemberActions } from '../members/member-actions';
import { MemberFieldTab } from '../members/member-field-tab';
import {
  contactsSection,
  generalSection,
  recordSection,
  workSection,
} from '../members/member-fields';
import { MemberHeader } from '../members/member-header';
import { MemberHistoryTab, RegistrationPeriods } from '../members/member-history';
import { memberName } from '../members/member-status';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Член Профсоюза не найден';
const MEMBER_AUDIT_TAB = 'Кто просматривал';

// For readers of the audit log only; it needs the audit labels, which come with the contracts'
// schemas (zod).
const MemberAuditTab = lazy(() =>
  import('../members/member-audit-tab').then((m) => ({ default: m.MemberAuditTab })),
);

export function MemberPage() {
  const { id } = useParams();
  if (!isMemberId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  // A new id is a new page: open forms and dialogs close.
  return <MemberView key={id} id={id} />;
}

const BACK = { to: '/members', label: 'К списку членов Профсоюза' };

function MemberView({ id }: { id: string }) {
  const member = useMember(id);
  const can = useCan();
  // What an action of the menu did (an invitation sent), until closed.
  const [notice, setNotice] = useState<string | null>(null);
  useDocumentTitle(`${member.data ? memberName(member.data) : 'Член Профсоюза'} — Профреестр`);

  // Out-of-scope members answer 404 too, indistinguishable from missing ones.
  if (isApiError(member.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  if (member.isError) return <QueryError error={member.error} onRetry={() => member.refetch()} />;
  if (!member.data) return <PageLoader />;

  return (
    <Stack gap="md">
      <MemberHeader
        member={member.data}
        actions={
          hasMemberActions(member.data, can) ? (
            <MemberActions member={member.data} onNotice={setNotice} />
          ) : null
        }
      />
      {notice && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <CardTabs
        member={member.data}
        canEdit={can('member:update')}
        showCards={can('card:read')}
        showAudit={can('audit:read')}
      />
    </Stack>
  );
}

const DEFAULT_TAB = generalSection.tab;

interface CardTabsProps {
  member: Member;
  /** The fields' «Изменить». */
  canEdit: boolean;
  /** The e-card's carriers and their history. */
  showCards: boolean;
  /** Readers of the audit log also see who viewed and changed the card. */
  showAudit: boolean;
}

/** The card's sections; the open one is `?tab=` in the URL, so a reload keeps it. */
function CardTabs({ member, canEdit, showCards, showAudit }: CardTabsProps) {
  const fieldTab = (section: typeof generalSection, extra?: ReactNode): TabDef => ({
    value: section.tab,
    label: section.title,
    panel: (
      <MemberFieldTab member={member} section={section} canEdit={canEdit}>
        {extra}
      </MemberFieldTab>
    ),
  });
  const tabs: TabDef[] = [
    fieldTab(generalSection),
    fieldTab(recordSection, <RegistrationPeriods memberId={member.id} />),
    fieldTab(workSection),
    fieldTab(contactsSection),
    { value: 'history', label: 'История', panel: <MemberHistoryTab memberId={member.id} /> },
  ];
  if (showCards) {
    tabs.splice(4, 0, {
      value: 'cards',
      label: 'Карты',
      panel: <MemberCardsTab memberId={member.id} />,
    });
  }
  if (showAudit) {
    tabs.push({
      value: 'audit',
      label: MEMBER_AUDIT_TAB,
      panel: (
        <Suspense fallback={<PageLoader />}>
          <MemberAuditTab memberId={member.id} />
        </Suspense>
      ),
    });
  }
  return <UrlTabs tabs={tabs} defaultTab={DEFAULT_TAB} label="Разделы карточки члена Профсоюза" />;
}
