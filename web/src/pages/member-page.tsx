import { Stack, Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Member } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { isMemberId, useMember } from '../api/members';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { useTabInView } from '../components/use-tab-in-view';
import { MemberActions } from '../members/member-actions';
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
import classes from '../passport/passport.module.css';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Член Профсоюза не найден';

export function MemberPage() {
  const { id } = useParams();
  if (!isMemberId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  // A new id is a new page: open forms and dialogs close.
  return <MemberView key={id} id={id} />;
}

const BACK = { to: '/members', label: 'К списку членов Профсоюза' };

function MemberView({ id }: { id: string }) {
  const member = useMember(id);
  const { user } = useAuth();
  // Cached from the members page or the org pages; decides whether a transfer can go anywhere.
  const own = useOrg(user?.orgId ?? '');
  useDocumentTitle(`${member.data ? memberName(member.data) : 'Член Профсоюза'} — Профреестр`);

  // Out-of-scope members answer 404 too, indistinguishable from missing ones.
  if (isApiError(member.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  if (member.isError) return <QueryError error={member.error} onRetry={() => member.refetch()} />;
  if (!member.data) return <PageLoader />;

  const canEdit = !!user && user.role !== 'viewer';
  return (
    <Stack gap="md">
      <MemberHeader
        member={member.data}
        actions={
          canEdit ? (
            <MemberActions
              member={member.data}
              canTransfer={!!own.data && own.data.level !== 'primary'}
            />
          ) : null
        }
      />
      <CardTabs member={member.data} canEdit={canEdit} />
    </Stack>
  );
}

interface TabDef {
  value: string;
  label: string;
  panel: ReactNode;
}

const DEFAULT_TAB = generalSection.tab;

/** The card's sections; the open one is `?tab=` in the URL, so a reload keeps it. */
function CardTabs({ member, canEdit }: { member: Member; canEdit: boolean }) {
  const [params, setParams] = useSearchParams();
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
  const requested = params.get('tab');
  const active = tabs.some((tab) => tab.value === requested) ? (requested as string) : DEFAULT_TAB;

  const listRef = useTabInView(active);

  const onChange = (value: string | null) => {
    if (!value) return;
    setParams(value === DEFAULT_TAB ? {} : { tab: value }, { replace: true });
  };

  return (
    <Tabs value={active} onChange={onChange} keepMounted={false}>
      <Tabs.List
        ref={listRef}
        className={classes.list}
        aria-label="Разделы карточки члена Профсоюза"
      >
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value} className={classes.tab}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value} pt="md">
          {tab.panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
