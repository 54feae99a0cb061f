import { Anchor, Button } from '@mantine/core';
import { formatCardNumber, type Member, memberCategoryLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import { formatDate } from '../passport/field-model';
import classes from './member-list.module.css';
import { MemberStatusBadge, memberName } from './member-status';
import { OrgName } from './org-name';

interface MemberRowProps {
  member: Member;
  /** Show the member's organization (lists over a whole subtree). */
  showOrg: boolean;
  /** The row action «Снять с учёта» (editors, members on record). */
  onDeregister?: ((member: Member) => void) | undefined;
}

/** One member in a list: the name links to the card; the facts tell namesakes apart. */
export function MemberRow({ member, showOrg, onDeregister }: MemberRowProps) {
  const name = memberName(member);
  return (
    <div className={classes.row}>
      <div className={classes.body}>
        <Anchor component={Link} to={`/members/${member.id}`} className={classes.name}>
          {name}
        </Anchor>
        <div className={classes.facts}>
          <span>
            {member.birthDate ? formatDate(member.birthDate) : 'дата рождения не указана'}
          </span>
          <span className={classes.card} title="Номер профсоюзного билета">
            {formatCardNumber(member.cardNumber)}
          </span>
          {member.category && <span>{memberCategoryLabels[member.category]}</span>}
          <MemberStatusBadge member={member} size="sm" />
          {showOrg && <OrgName id={member.orgId} size="xs" />}
        </div>
      </div>
      {onDeregister && member.status === 'active' && (
        <Button
          className={classes.action}
          size="compact-sm"
          variant="subtle"
          color="red"
          aria-label={`Снять с учёта: ${name}`}
          onClick={() => onDeregister(member)}
        >
          Снять с учёта
        </Button>
      )}
    </div>
  );
}
