import { Flex, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { canHaveChildren, type Org } from '@profreestr/contracts';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { isOrgId, useOrg } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { type TabDef, UrlTabs } from '../components/url-tabs';
import { MemberList } from '../members/member-list';
import { OrgTree } from '../orgs/org-tree';
import { FieldTab } from '../passport/field-tab';
import { HistoryTab } from '../passport/history-tab';
import { hasActions, OrgActions } from '../passport/org-actions';
import { OrgExport } from '../passport/org-export';
import { OrgBreadcrumbs, OrgHeader } from '../passport/org-header';
import { activistsDef, eventsDef, staffDef } from '../passport/part-defs';
import { PartTab } from '../passport/part-tab';
import {
  chairmanSection,
  contactsSection,
  eduOrgSection,
  inpoSection,
} from '../passport/passport-fields';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Организация не найдена';

export function OrgPage() {
  const { id } = useParams();
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} />;
  // A new id is a new page: reset the tree's expansion and focus state, and open forms.
  return <OrgView key={id} id={id} />;
}

function OrgView({ id }: { id: string }) {
  const org = useOrg(id);
  const { user } = useAuth();
  const can = useCan();
  useDocumentTitle(`${org.data?.name ?? 'Организация'} — Профреестр`);

  // Out-of-scope organizations answer 404 too, indistinguishable from missing ones.
  if (isApiError(org.error, 404)) return <NotFoundPage title={NOT_FOUND} />;
  if (org.isError) return <QueryError error={org.error} onRetry={() => org.refetch()} />;
  if (!org.data) return <PageLoader />;

  // Each control shows where `/auth/me` allows its action; nobody changes a liquidated org.
  const active = org.data.status === 'active';
  const access: PassportAccess = {
    edit: active && can('org:update'),
    register: active && can('member:create'),
    deregister: active && can('member:deregister'),
  };
  const ownOrgId = user?.orgId ?? '';
  return (
    <Stack gap="md">
      <OrgBreadcrumbs id={id} />
      <OrgHeader
        org={org.data}
        // Admins list the org's users there; editors add a colleague to it.
        usersLink={can('user:read') || can('user:create')}
        actions={
          // Stacked on a phone: the name keeps most of the width.
          <Flex
            direction={{ base: 'column', sm: 'row' }}
            gap="xs"
            align="flex-end"
            style={{ flexShrink: 0 }}
          >
            <OrgExport org={org.data} />
            {active && hasActions(org.data, ownOrgId, can) && (
              <OrgActions org={org.data} ownOrgId={ownOrgId} />
            )}
          </Flex>
        }
      />
      <PassportTabs org={org.data} access={access} />
    </Stack>
  );
}

/** What the user may do on the passport's tabs. */
interface PassportAccess {
  /** The fields and the tables (activists, staff, events): `org:update`. */
  edit: boolean;
  /** «Поставить на учёт» in the members tab: `member:create`. */
  register: boolean;
  /** The members' row action «Снять с учёта»: `member:deregister`. */
  deregister: boolean;
}

function passportTabs(org: Org, access: PassportAccess): TabDef[] {
  const canEdit = access.edit;
  const fieldTab = (section: typeof inpoSection) => ({
    value: section.tab,
    label: section.title,
    panel: <FieldTab org={org} section={section} canEdit={canEdit} />,
  });
  const tabs: TabDef[] = [fieldTab(inpoSection)];
  // Members are on record only in primaries: for a chairman the tab right after the main one.
  if (org.level === 'primary') {
    tabs.push({
      value: 'members',
      label: 'Члены Профсоюза',
      panel: (
        <MemberList
          scope={{ orgId: org.id }}
          canDeregister={access.deregister}
          registerOrgId={access.register ? org.id : null}
        />
      ),
    });
  }
  tabs.push(
    fieldTab(chairmanSection),
    {
      value: activistsDef.tab,
      label: activistsDef.title,
      panel: <PartTab orgId={org.id} def={activistsDef} canEdit={canEdit} />,
    },
    {
      value: staffDef.tab,
      label: staffDef.title,
      panel: <PartTab orgId={org.id} def={staffDef} canEdit={canEdit} />,
    },
    fieldTab(eduOrgSection(org)),
    fieldTab(contactsSection),
    {
      value: eventsDef.tab,
      label: eventsDef.title,
      panel: <PartTab orgId={org.id} def={eventsDef} canEdit={canEdit} />,
    },
    { value: 'history', label: 'История', panel: <HistoryTab orgId={org.id} /> },
  );
  if (canHaveChildren(org.level)) {
    tabs.push({
      value: 'children',
      label: 'Подчинённые',
      panel:
        org.childCount > 0 ? (
          <OrgTree root={org} />
        ) : (
          <Text c="dimmed">Подчинённых организаций нет.</Text>
        ),
    });
  }
  return tabs;
}

const DEFAULT_TAB = 'inpo';

/** The passport's sections; the open one is `?tab=` in the URL, so a reload keeps it. */
function PassportTabs({ org, access }: { org: Org; access: PassportAccess }) {
  return (
    <UrlTabs
      tabs={passportTabs(org, access)}
      defaultTab={DEFAULT_TAB}
      label="Разделы паспорта организации"
    />
  );
}
