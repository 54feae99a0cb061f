import { useMemberAudit } from '../api/audit';
import { AuditList } from '../audit/audit-list';

/** Who viewed or changed the member's card (admins), newest first. */
export function MemberAuditTab({ memberId }: { memberId: string }) {
  return (
    <AuditList
      query={useMemberAudit(memberId)}
      label="Просмотры и изменения карточки"
      empty="Записей пока нет."
      showTarget={false}
    />
  );
}
