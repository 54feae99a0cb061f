import { formatCardNumber } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict } from '../../lib/app-error.js';
import type { StaffCtx } from '../../lib/context.js';
import { type Download, spreadsheetTypes } from '../../lib/http.js';
import { type CellValue, fillSheet, openSheet } from '../../lib/spreadsheet.js';
import { pathIds } from '../../lib/tree-path.js';
import { recordAudit } from '../audit/audit.service.js';
import { findFileRows, findOrgAddresses } from './card-batches.queries.js';
import { visibleBatch } from './card-batches.service.js';

// The producer's file: one row per card of the batch — the number as printed (4-4-4-4), the
// holder's name as printed, the org, and where the region receives the cards. Streamed in
// keyset pages as it is written, so a union-wide batch leaves with flat memory.

/** Cards per page: small pages die young (see members' export), one index range each. */
const PAGE = 500;

const headers = [
  'Номер карты',
  'Держатель (как на карте)',
  'Организация',
  'Регион',
  'Адрес доставки',
] as const;

interface OrgInfo {
  name: string;
  address: string | null;
}

/** The address a passport gives for deliveries: the actual one, else the legal one. */
function addressOf(contacts: unknown): string | null {
  const c = (contacts ?? {}) as { actualAddress?: unknown; legalAddress?: unknown };
  const pick = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return pick(c.actualAddress) ?? pick(c.legalAddress);
}

/** Orgs by id, read once each: the regions stay cached, the page's own orgs are read per page. */
function orgDirectory(db: Kysely<Database>) {
  const regions = new Map<string, OrgInfo>();
  const load = async (ids: readonly string[], into: Map<string, OrgInfo>) => {
    const missing = ids.filter((id) => !into.has(id));
    for (const row of await findOrgAddresses(db, missing)) {
      into.set(row.id, { name: row.name, address: addressOf(row.contacts) });
    }
  };
  return {
    regions,
    /** The orgs of a page and their regions (the ancestor right under the root). */
    async forPage(rows: readonly { org_id: string; org_path: string }[]) {
      const orgs = new Map<string, OrgInfo>();
      await load([...new Set(rows.map((r) => r.org_id))], orgs);
      await load([...new Set(rows.map((r) => regionIdOf(r.org_path)))], regions);
      return orgs;
    },
  };
}

/** The regional org of a path `1.7.412.`: 7 (an org right under the root is its own region). */
const regionIdOf = (path: string) => {
  const ids = pathIds(path);
  return (ids[1] ?? ids[0]) as string;
};

const printedName = (row: { last_name: string; first_name: string; middle_name: string | null }) =>
  [row.last_name, row.first_name, row.middle_name]
    .filter(Boolean)
    .join(' ')
    .toLocaleUpperCase('ru-RU');

/** `GET /card-batches/:id/file`: access and the audit entry before the first byte. */
export async function batchFile(ctx: StaffCtx, id: string): Promise<Download> {
  const batch = await visibleBatch(ctx, id, 'card-batch:manage');
  if (batch.status === 'filling') {
    throw conflict('Партия ещё формируется: файл будет готов, когда все карты будут заказаны');
  }
  const target = { type: 'card_batch', id: batch.id, orgPath: batch.org_path };
  await recordAudit(ctx, {
    action: 'card_batch.export',
    target,
    details: { format: 'xlsx', count: batch.count },
  });
  const directory = orgDirectory(ctx.db);

  async function* rows(): AsyncGenerator<CellValue[]> {
    for (let afterId = '0'; ; ) {
      const page = await findFileRows(ctx.db, batch.id, afterId, PAGE);
      const orgs = await directory.forPage(page);
      for (const row of page) {
        const org = orgs.get(row.org_id);
        const region = directory.regions.get(regionIdOf(row.org_path));
        yield [
          formatCardNumber(row.card_number),
          printedName(row),
          org?.name ?? '',
          region?.name ?? '',
          region?.address ?? org?.address ?? '',
        ];
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) return;
      afterId = last.id;
    }
  }

  const sheet = openSheet('xlsx', headers, { sheetName: 'Карты', widths: [22, 40, 48, 40, 60] });
  // The closing entry says whether the whole file left (a client may hang up midway).
  void fillSheet(sheet, rows(), (done) =>
    recordAudit(ctx, {
      action: 'card_batch.export.end',
      target,
      result: done.complete ? 'ok' : 'failed',
      details: { format: 'xlsx', rows: done.rows, complete: done.complete },
    }),
  );
  return {
    fileName: `Партия карт № ${batch.id}.xlsx`,
    contentType: spreadsheetTypes.xlsx,
    body: sheet.stream,
  };
}
