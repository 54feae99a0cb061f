import type { FieldChange, MemberChangeAction } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { recordChange } from '../history/history.service.js';

export function recordMemberChange(
  ctx: StaffCtx,
  change: {
    member: { id: string; orgPath: string };
    action: MemberChangeAction;
    changes?: FieldChange[];
    note?: string | null;
  },
) {
  return recordChange(ctx, {
    entity: { type: 'member', id: change.member.id, orgPath: change.member.orgPath },
    action: change.action,
    changes: change.changes ?? [],
    note: change.note ?? null,
  });
}
