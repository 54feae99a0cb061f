import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordAudits } from '../audit/audit.service.js';

// The audit entries of partners' card checks, written in batches. A partner's till may check
// thousands of cards a second, and an insert (with its WAL flush) per check costs as much as
// the check itself (measured: 1.6–1.9 K checks/s with it, 3–3.6 K without). A check is a read
// that changes nothing, so its entry need not commit with anything: entries leave every
// FLUSH_MS or at BATCH_SIZE, one statement per partner and address, and when the server
// stops. A crash of the process loses at most the last FLUSH_MS of these entries; an entry of
// a change (a purchase, a refund) still commits with the change.

const FLUSH_MS = 100;
const BATCH_SIZE = 500;

export interface CardCheckEntry {
  partnerId: string;
  ip: string | null;
  valid: boolean;
  qr: boolean;
  /** The holder of a known number: the entry is about them, so their cabinet shows the check. */
  member: { id: string; orgPath: string } | null;
}

export type CardCheckAudit = ReturnType<typeof cardCheckAudit>;

export function cardCheckAudit(
  db: Kysely<Database>,
  log: { error(object: unknown, message: string): void },
) {
  let pending: CardCheckEntry[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  async function write(entries: CardCheckEntry[]) {
    const groups = new Map<string, CardCheckEntry[]>();
    for (const entry of entries) {
      const key = `${entry.partnerId} ${entry.ip ?? ''}`;
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    for (const group of groups.values()) {
      const { partnerId, ip } = group[0] as CardCheckEntry;
      await recordAudits(
        { db, actor: { kind: 'partner', partnerId }, ip },
        group.map((entry) => ({
          action: 'partner.card_check',
          target: entry.member
            ? { type: 'member', id: entry.member.id, orgPath: entry.member.orgPath }
            : { type: 'partner', id: partnerId },
          details: { valid: entry.valid, ...(entry.qr ? { qr: true } : {}) },
        })),
      );
    }
  }

  /** Writes what waits; resolves when it (and every earlier batch) is in the log. */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const entries = pending;
    pending = [];
    writing = writing
      .then(() => (entries.length ? write(entries) : undefined))
      .catch((error: unknown) => log.error({ err: error }, 'card checks not audited'));
    return writing;
  }

  return {
    add(entry: CardCheckEntry) {
      pending.push(entry);
      if (pending.length >= BATCH_SIZE) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), FLUSH_MS);
        timer.unref();
      }
    },
    flush,
  };
}
