import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { recordAudits } from '../audit/audit.service.js';

// The audit entries of partners' card checks, written by group commit. A partner's till may
// check thousands of cards a second, and an insert (with its WAL flush) per check costs as much
// as the check itself. So one insert is in flight at a time: checks arriving meanwhile wait and
// go together in the next one (one statement per partner and address). A check answers only
// once its entry is in the log, so a crashed server loses no entry of an answered check, and a
// check whose entry cannot be written (the database down) is not answered as done.

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

export function cardCheckAudit(db: Kysely<Database>) {
  const pending: { entry: CardCheckEntry; done: (error?: unknown) => void }[] = [];
  let draining: Promise<void> | null = null;

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

  async function drain() {
    while (pending.length > 0) {
      const batch = pending.splice(0, BATCH_SIZE);
      try {
        await write(batch.map((x) => x.entry));
        for (const x of batch) x.done();
      } catch (error) {
        for (const x of batch) x.done(error);
      }
    }
    draining = null;
  }

  return {
    /** Resolves once the entry is in the log (rejects when it could not be written). */
    record(entry: CardCheckEntry): Promise<void> {
      return new Promise((resolve, reject) => {
        pending.push({ entry, done: (error) => (error ? reject(error) : resolve()) });
        draining ??= drain();
      });
    },
    /** Resolves when nothing waits to be written (the server's close). */
    settled: () => draining ?? Promise.resolve(),
  };
}
