import type { FieldChange } from '@profreestr/contracts';

// What changed between two versions of a record, field by field, for the change history of
// orgs and members alike.

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field-level differences, nested objects as dotted paths (`chairman.phone`). */
export function diffFields(before: object, after: object, prefix = ''): FieldChange[] {
  const changes: FieldChange[] = [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const field = prefix + key;
    const old = a[key] ?? null;
    const value = b[key] ?? null;
    if (isObject(old) && isObject(value)) {
      changes.push(...diffFields(old, value, `${field}.`));
    } else if (JSON.stringify(old) !== JSON.stringify(value)) {
      changes.push({ field, old, new: value });
    }
  }
  return changes;
}
