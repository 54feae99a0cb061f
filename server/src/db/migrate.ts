import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as foundation from './migrations/0001-foundation.js';
import * as orgRegistry from './migrations/0002-org-registry.js';
import * as members from './migrations/0003-members.js';
import * as orgStats from './migrations/0004-org-stats.js';
import * as imports from './migrations/0005-imports.js';
import * as completeness from './migrations/0006-completeness.js';
import * as security from './migrations/0007-security.js';
import * as versions from './migrations/0008-versions.js';
import * as duplicates from './migrations/0009-duplicates.js';
import * as memberList from './migrations/0010-member-list.js';
import * as signInAddresses from './migrations/0011-sign-in-addresses.js';
import * as callerKinds from './migrations/0012-caller-kinds.js';
import * as cardDraw from './migrations/0013-card-draw.js';
import * as outbox from './migrations/0014-outbox.js';
import * as mailings from './migrations/0015-mailings.js';
import * as emailConfirmations from './migrations/0016-email-confirmations.js';
import * as cabinetAndJoin from './migrations/0017-cabinet-and-join.js';
import * as statisticalReports from './migrations/0018-statistical-reports.js';
import * as cards from './migrations/0019-cards.js';
import * as bonus from './migrations/0020-bonus.js';
import * as surveys from './migrations/0021-surveys.js';
import * as socialSupport from './migrations/0022-social-support.js';
import * as requestBudgets from './migrations/0023-request-budgets.js';
import * as mailRetention from './migrations/0024-mail-retention.js';
import * as auditPartitions from './migrations/0025-audit-partitions.js';
import type { Database } from './schema.js';

// Listed explicitly so the compiled server and the tests see the same set, in order.
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-org-registry': orgRegistry,
  '0003-members': members,
  '0004-org-stats': orgStats,
  '0005-imports': imports,
  '0006-completeness': completeness,
  '0007-security': security,
  '0008-versions': versions,
  '0009-duplicates': duplicates,
  '0010-member-list': memberList,
  '0011-sign-in-addresses': signInAddresses,
  '0012-caller-kinds': callerKinds,
  '0013-card-draw': cardDraw,
  '0014-outbox': outbox,
  '0015-mailings': mailings,
  '0016-email-confirmations': emailConfirmations,
  '0017-cabinet-and-join': cabinetAndJoin,
  '0018-statistical-reports': statisticalReports,
  '0019-cards': cards,
  '0020-bonus': bonus,
  '0021-surveys': surveys,
  '0022-social-support': socialSupport,
  '0023-request-budgets': requestBudgets,
  '0024-mail-retention': mailRetention,
  '0025-audit-partitions': auditPartitions,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause =
      error instanceof Error ? error : new Error(String(error ?? failed?.migrationName));
    throw new Error(`Миграция ${failed?.migrationName ?? ''} не выполнена: ${cause.message}`, {
      cause,
    });
  }
}

/** Whether every migration this build knows has run (a new server beside an old database: no). */
export async function migrationsDone(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    select name from kysely_migration order by name desc limit 1`.execute(db);
  return rows[0]?.name === Object.keys(migrations).sort().at(-1);
}
