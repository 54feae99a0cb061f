import type { Org } from '@profreestr/contracts';
import { useSearchParams } from 'react-router';
import { memberExportUrl, orgExportUrl } from '../api/exports';
import { ExportMenu } from '../components/export-menu';
import { memberListParams, readMemberFilters } from '../members/member-filters';

/** The tab of the passport that lists members with their filters (primaries only). */
const MEMBERS_TAB = 'members';

/** «Выгрузить» of the passport: the members and the orgs of the org's subtree. */
export function OrgExport({ org }: { org: Org }) {
  const [searchParams] = useSearchParams();
  // On the members tab the file holds what the list shows; elsewhere everyone in the subtree.
  const members =
    org.level === 'primary' && searchParams.get('tab') === MEMBERS_TAB
      ? memberListParams({ under: org.id }, readMemberFilters(searchParams))
      : { under: org.id };
  return (
    <ExportMenu
      items={[
        { label: 'Члены Профсоюза — XLSX', href: memberExportUrl(members, 'xlsx') },
        { label: 'Члены Профсоюза — CSV', href: memberExportUrl(members, 'csv') },
        { label: 'Организации — XLSX', href: orgExportUrl(org.id, 'xlsx') },
        { label: 'Организации — CSV', href: orgExportUrl(org.id, 'csv') },
      ]}
    />
  );
}
