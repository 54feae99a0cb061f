import { Badge } from '@mantine/core';
import { type Member, memberStatusLabels } from '@profreestr/contracts';
import { formatDate } from '../passport/field-model';

/** «Иванова Анна Петровна». */
export const memberName = (m: Pick<Member, 'lastName' | 'firstName' | 'middleName'>) =>
  [m.lastName, m.firstName, m.middleName].filter(Boolean).join(' ');

/** A past participle by the member's sex: «снят», «снята», «снят(а)» when it is not known. */
export const bySex = ({ sex }: Pick<Member, 'sex'>, word: string) =>
  sex === 'female' ? `${word}а` : sex === 'male' ? word : `${word}(а)`;

/** «На учёте», «Снят с учёта», «Снята с учёта». */
export const statusText = (member: Pick<Member, 'status' | 'sex'>) =>
  member.status === 'deregistered' && member.sex === 'female'
    ? 'Снята с учёта'
    : memberStatusLabels[member.status];

interface BadgeProps {
  member: Member;
  /** Add the date of deregistration. */
  withDate?: boolean;
  size?: 'sm' | 'md' | 'lg';
}

export function MemberStatusBadge({ member, withDate = false, size = 'md' }: BadgeProps) {
  const active = member.status === 'active';
  const date =
    !active && withDate && member.deregisteredOn ? ` ${formatDate(member.deregisteredOn)}` : '';
  return (
    <Badge
      color={active ? 'teal' : 'gray'}
      variant="light"
      tt="none"
      size={size}
      style={{ flexShrink: 0 }}
    >
      {statusText(member)}
      {date}
    </Badge>
  );
}
