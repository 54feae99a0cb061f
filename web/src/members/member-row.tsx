import { Anchor, Button } from '@mantine/core';
import { formatCardNumber, memberCategoryLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import type { MemberListItem } from '../api/members';
import { formatDate } from '../passport/field-model';
import classes from './member-list.module.css';
import { bySex, MemberStatusBadge, memberName } from './member-status';

interface MemberRowProps {
  member: MemberListItem;
  /** Show the member's organization (lists over a whole subtree). */
  showOrg: boolean;
  /** The row action «Снять с учёта» (editors, members on record). */
  onDeregister?: ((member: MemberListItem) => void) | undefined;
}

const registeredText = (member: MemberListItem) =>
  `${member.status === 'active' ? '' : `${bySex(member, 'был')} `}на учёте с ${formatDate(member.registeredOn)}`;

/**
 * One member in a list: the name links to the card; the facts tell namesakes apart. On a phone
 * the facts wrap under the name; on a wide screen the dates and the org stand in the columns of
 * the list's header. The org's name comes with the row: no request per row.
 */
export function MemberRow({ member, showOrg, onDeregister }: MemberRowProps) {
  const name = memberName(member);
  const birth = member.birthDate ? formatDate(member.birthDate) : null;
  const org = (
    <Anchor component={Link} to={`/orgs/${member.orgId}`} size="xs" className={classes.orgLink}>
      {member.orgName}
    </Anchor>
  );
  return (
    <div className={classes.row}>
      <div className={classes.body}>
        <Anchor component={Link} to={`/members/${member.id}`} className={classes.name}>
          {name}
        </Anchor>
        <div className={classes.facts}>
          <span className={classes.narrow}>{birth ?? 'дата рождения не указана'}</span>
          <span className={classes.card} title="Номер профсоюзного билета">
            {formatCardNumber(member.cardNumber)}
          </span>
          {member.category && <span>{memberCategoryLabels[member.category]}</span>}
          <MemberStatusBadge member={member} size="sm" />
          <span className={classes.narrow}>{registeredText(member)}</span>
          {showOrg && <span className={classes.narrow}>{org}</span>}
        </div>
      </div>
      <span className={`${classes.wide} ${classes.date}`}>{birth ?? '—'}</span>
      <span className={`${classes.wide} ${classes.date}`}>{formatDate(member.registeredOn)}</span>
      {showOrg && <span className={`${classes.wide} ${classes.org}`}>{org}</span>}
      {onDeregister && (
        <span className={classes.action}>
          {member.status === 'active' && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              aria-label={`Снять с учёта: ${name}`}
              onClick={() => onDeregister(member)}
            >
              Снять с учёта
            </Button>
          )}
        </span>
      )}
    </div>
  );
}
