import {
  type Activist,
  type ActivistRole,
  activistRoleLabels,
  type EventKind,
  eventKindLabels,
  nameKey,
  type OrgEvent,
  quoted,
  type StaffMember,
} from '@profreestr/contracts';
import { notFound } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { definedEntries as defined } from '../../lib/objects.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement, ORG_NOT_FOUND } from '../access/placement.js';
import { diffFields } from '../history/field-diff.js';
import { recordOrgChange } from './org-history.service.js';
import {
  deletePart,
  findPart,
  findParts,
  insertPart,
  type PartOrder,
  type PartTable,
  updatePart,
} from './org-parts.queries.js';
import { findOrgForUpdate } from './orgs.queries.js';
import { assertActive } from './orgs.service.js';

type Row = Record<string, unknown>;
type Part = { id: string; orgId: string };

/** What differs between the passport's lists: table, order, mapping, how a row is named. */
interface PartKind<T extends Part> {
  table: PartTable;
  action: 'activist' | 'staff' | 'event';
  order: PartOrder;
  notFound: string;
  toApi(row: Row): T;
  describe(part: T): string;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const fullName = (p: { lastName: string; firstName: string; middleName: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

const byName: PartOrder = { columns: ['name_key', 'id'], direction: 'asc' };

export const activistKind: PartKind<Activist> = {
  table: 'org_activists',
  action: 'activist',
  order: byName,
  notFound: 'Запись профактива не найдена',
  toApi: (r) => ({
    id: String(r.id),
    orgId: String(r.org_id),
    role: r.role as ActivistRole,
    lastName: String(r.last_name),
    firstName: String(r.first_name),
    middleName: str(r.middle_name),
    phone: str(r.phone),
    email: str(r.email),
    note: str(r.note),
  }),
  describe: (a) => `${fullName(a)} — ${activistRoleLabels[a.role]}`,
};

export const staffKind: PartKind<StaffMember> = {
  table: 'org_staff',
  action: 'staff',
  order: byName,
  notFound: 'Сотрудник не найден',
  toApi: (r) => ({
    id: String(r.id),
    orgId: String(r.org_id),
    position: String(r.position),
    lastName: String(r.last_name),
    firstName: String(r.first_name),
    middleName: str(r.middle_name),
    rate: num(r.rate),
    phone: str(r.phone),
    email: str(r.email),
  }),
  describe: (s) => `${fullName(s)} — ${s.position}`,
};

export const eventKind: PartKind<OrgEvent> = {
  table: 'org_events',
  action: 'event',
  order: { columns: ['date', 'id'], direction: 'desc' },
  notFound: 'Мероприятие не найдено',
  toApi: (r) => ({
    id: String(r.id),
    orgId: String(r.org_id),
    date: String(r.date),
    title: String(r.title),
    kind: r.kind as EventKind,
    participants: num(r.participants),
    note: str(r.note),
  }),
  describe: (e) => `${e.date} ${quoted(e.title)} (${eventKindLabels[e.kind].toLowerCase()})`,
};

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Column values of a whole part; names also get their sort key. */
function columnsOf(part: object): Row {
  const { id: _id, orgId: _org, ...fields } = part as Row;
  const columns: Row = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [snake(k), v === undefined ? null : v]),
  );
  if ('lastName' in fields) {
    columns.name_key = nameKey(fullName(fields as Parameters<typeof fullName>[0]));
  }
  return columns;
}

/** The org locked for a change of its lists: visible, editable by the caller, not liquidated. */
async function lockOrgForChange(tx: StaffCtx, orgId: string) {
  const org = await findOrgForUpdate(tx.db, orgId);
  authorize(tx.actor, 'org:update', org, ORG_NOT_FOUND);
  assertActive(org);
  return org;
}

async function lockPartForChange<T extends Part>(
  tx: StaffCtx,
  kind: PartKind<T>,
  orgId: string,
  partId: string,
) {
  const org = await lockOrgForChange(tx, orgId);
  const row = await findPart(tx.db, kind.table, orgId, partId);
  if (!row) throw notFound(kind.notFound);
  return { org, part: kind.toApi(row) };
}

export async function listParts<T extends Part>(
  ctx: StaffCtx,
  kind: PartKind<T>,
  orgId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const org = await getOrgPlacement(ctx.db, orgId);
  authorize(ctx.actor, 'org:read', org, ORG_NOT_FOUND);
  const [sortColumn] = kind.order.columns;
  const after = decodeCursor(page.cursor, [sortColumn === 'date' ? 'date' : 'text', 'id']);
  const rows = await findParts(ctx.db, kind.table, orgId, kind.order, after, page.limit + 1);
  return toPage(rows, page.limit, kind.toApi, (r) => [String(r[sortColumn]), String(r.id)]);
}

export async function addPart<T extends Part>(
  ctx: StaffCtx,
  kind: PartKind<T>,
  orgId: string,
  input: object,
): Promise<T> {
  return inTransaction(ctx, async (tx) => {
    const org = await lockOrgForChange(tx, orgId);
    const part = kind.toApi(
      await insertPart(tx.db, kind.table, { ...columnsOf(input), org_id: orgId }),
    );
    await recordOrgChange(tx, {
      org,
      action: kind.action,
      note: `Добавлено: ${kind.describe(part)}`,
    });
    return part;
  });
}

export async function changePart<T extends Part>(
  ctx: StaffCtx,
  kind: PartKind<T>,
  orgId: string,
  partId: string,
  patch: object,
): Promise<T> {
  return inTransaction(ctx, async (tx) => {
    const { org, part: before } = await lockPartForChange(tx, kind, orgId, partId);
    const after = { ...before, ...defined(patch) } as T;
    const changes = diffFields(before, after);
    if (changes.length === 0) return before;
    const part = kind.toApi(await updatePart(tx.db, kind.table, partId, columnsOf(after)));
    await recordOrgChange(tx, {
      org,
      action: kind.action,
      changes,
      note: `Изменено: ${kind.describe(part)}`,
    });
    return part;
  });
}

export async function removePart<T extends Part>(
  ctx: StaffCtx,
  kind: PartKind<T>,
  orgId: string,
  partId: string,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { org, part } = await lockPartForChange(tx, kind, orgId, partId);
    await deletePart(tx.db, kind.table, partId);
    await recordOrgChange(tx, {
      org,
      action: kind.action,
      note: `Удалено: ${kind.describe(part)}`,
    });
  });
}
