import {
  type ReportForm,
  type ReportFormInput,
  reportFormInputSchema,
  reportFormSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { forbidden, notFound } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { authorize, authorizeList } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { findFormRows, insertFormRow, lockForms } from './campaigns.queries.js';
import { type CompiledForm, compileForm } from './form-engine.js';
import { builtInForms } from './forms/index.js';

// Forms as data: version 1 of each built-in form lives in code (forms/), later versions and new
// forms are rows of report_forms added by the centre. A version never changes once added, so a
// compiled form is kept in memory by code and version.

export const FORM_NOT_FOUND = 'Форма отчёта не найдена';

const builtIn: ReportForm[] = builtInForms.map((form) =>
  reportFormSchema.parse({ ...reportFormInputSchema.parse(form), version: 1 }),
);

const compiled = new Map<string, CompiledForm>();
const keyOf = (code: string, version: number) => `${code}@${version}`;

/** Every version of every form, built-in first. */
async function allForms(db: Kysely<Database>): Promise<ReportForm[]> {
  const rows = await findFormRows(db);
  return [...builtIn, ...rows.map((row) => row.definition as ReportForm)];
}

/** The latest version of each form. */
async function listForms(db: Kysely<Database>) {
  const latest = new Map<string, ReportForm>();
  for (const form of await allForms(db)) {
    const seen = latest.get(form.code);
    if (!seen || seen.version < form.version) latest.set(form.code, form);
  }
  return [...latest.values()].map(({ code, version, title, orgLevel }) => ({
    code,
    version,
    title,
    orgLevel,
  }));
}

/** One version of a form (the latest without `version`), compiled. */
export async function loadForm(
  db: Kysely<Database>,
  code: string,
  version?: number,
): Promise<CompiledForm> {
  if (version !== undefined) {
    const cached = compiled.get(keyOf(code, version));
    if (cached) return cached;
  }
  const versions = (await allForms(db)).filter(
    (form) => form.code === code && (version === undefined || form.version === version),
  );
  const form = versions.sort((a, b) => b.version - a.version)[0];
  if (!form) throw notFound(FORM_NOT_FOUND);
  const key = keyOf(form.code, form.version);
  const ready = compiled.get(key) ?? compileForm(form);
  compiled.set(key, ready);
  return ready;
}

/** `GET /report-forms`: for staff who read reports. */
export async function listFormsFor(ctx: StaffCtx) {
  authorizeList(ctx.actor, 'report:read');
  return { items: await listForms(ctx.db) };
}

/** `GET /report-forms/:code`: a version's definition as data. */
export async function getForm(ctx: StaffCtx, code: string, version?: number) {
  authorizeList(ctx.actor, 'report:read');
  return (await loadForm(ctx.db, code, version)).form;
}

/** A new version of a form (or a new form), by an admin of the centre; checked before kept. */
export async function addFormVersion(ctx: StaffCtx, input: ReportFormInput): Promise<ReportForm> {
  authorize(ctx.actor, 'report-form:create', { path: ctx.actor.orgPath });
  // Forms are the whole union's: only the centre (the root of the tree) adds them.
  if (ctx.actor.orgPath.split('.').length !== 2) {
    throw forbidden('Формы отчётов добавляет центральный аппарат');
  }
  const parsed = reportFormInputSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    await lockForms(tx.db);
    const versions = (await allForms(tx.db)).filter((form) => form.code === parsed.code);
    const version = Math.max(0, ...versions.map((form) => form.version)) + 1;
    const form: ReportForm = { ...parsed, version };
    compileForm(form);
    await insertFormRow(tx.db, { ...form, definition: form }, tx.actor.userId);
    await recordAudit(tx, {
      action: 'report.form.create',
      target: { type: 'report_form', id: `${form.code}@${version}` },
      details: { formCode: form.code, version },
    });
    return form;
  });
}
