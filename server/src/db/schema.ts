import type {
  ActivistRole,
  AidRequestStatus,
  AnyCardBlockReason,
  ApplicationStatus,
  AuditResult,
  BenefitKind,
  CampaignStatus,
  CardBatchStatus,
  CardKind,
  CardStatus,
  consentKinds,
  DeregisterReason,
  DuesPaymentForm,
  EventKind,
  ImportKind,
  ImportStatus,
  MemberCategory,
  MemberStatus,
  OrgLevel,
  OrgStatus,
  pdConsentMethods,
  ReportStatus,
  Role,
  SpreadsheetFormat,
  SurveyKind,
  SurveyStatus,
  sexes,
} from '@profreestr/contracts';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CallerKind } from '../lib/actor.js';
import type { StatColumn } from './stat-columns.js';

// int8 and date columns come back as strings (see database.ts parsers), numeric as number.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in by default. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable column that may be left out of an insert. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
/** A column with a database default that may be left out of an insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

// Enumerated columns are typed as their unions (the contract's lists; CHECK constraints in the
// migrations hold the database to the same), so no code casts a column to its enum.
export type Sex = (typeof sexes)[number];
export type PdConsentMethod = (typeof pdConsentMethods)[number];
export type SessionStage = 'active' | 'mfa_verify' | 'mfa_enroll';
export type EntityType = 'org' | 'member';

export interface OrgsTable {
  id: Generated<string>;
  code: string;
  parent_id: string | null;
  /** Materialized path of ids, e.g. `1.7.412.`; a subtree is one btree range on it. */
  path: string;
  level: OrgLevel;
  name: string;
  /** Lower-cased, ё→е name: the sort and prefix-search key, collation "C". */
  name_key: string;
  short_name: Optional<string>;
  status: Defaulted<OrgStatus>;
  is_legal_entity: Generated<boolean>;
  inn: Optional<string>;
  ogrn: Optional<string>;
  dues_rate: Optional<number>;
  is_small: Optional<boolean>;
  has_committee: Optional<boolean>;
  founded_on: Optional<string>;
  chairman: ColumnType<unknown, string | null | undefined, string | null>;
  edu_org: ColumnType<unknown, string | null | undefined, string | null>;
  /** The name key and the school's name, lower-cased: the public search (never written). */
  search_key: ColumnType<string, never, never>;
  /** The whole numbers in those names («№ 76» → 76), for the same search. */
  search_numbers: ColumnType<string[], never, never>;
  contacts: ColumnType<unknown, string | undefined, string>;
  liquidated_on: Optional<string>;
  merged_into_id: Optional<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Bumped by a trigger on every change: the passport's ETag. */
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<string>;
  login: string;
  password_hash: string;
  role: Role;
  org_id: string;
  full_name: string;
  disabled_at: Timestamp | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Base32 TOTP secret in use; null = no second factor. */
  mfa_secret: string | null;
  /** Set up but not yet confirmed with a code. */
  mfa_pending_secret: string | null;
  mfa_enabled_at: Timestamp | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  mfa_last_step: ColumnType<string, string | number | undefined, string | number>;
}

export interface MfaRecoveryCodesTable {
  user_id: string;
  /** sha256 of the normalised code. */
  code_hash: string;
  used_at: Timestamp | null;
}

export interface AuthThrottleTable {
  /** `login:<login>` or `ip:<address>`. */
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

/** The addresses an account signed in from (a locked address still lets known ones in). */
export interface SignInAddressesTable {
  user_id: string;
  ip: string;
  last_at: Timestamp;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a leaked table yields no usable session. */
  id: string;
  user_id: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  /** `active`, or half-open until the second factor: `mfa_verify`, `mfa_enroll`. */
  stage: Defaulted<SessionStage>;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: DefaultTimestamp;
  actor_user_id: string | null;
  actor_login: string | null;
  /** staff, member, partner, applicant, system; null on entries older than the kinds. */
  actor_kind: CallerKind | null;
  actor_id: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** Path of the org the target belongs to, so admins can search the audit of their subtree. */
  org_path: string | null;
  result: AuditResult;
  details: ColumnType<unknown, string | null | undefined, never>;
}

export interface OrgActivistsTable {
  id: Generated<string>;
  org_id: string;
  role: ActivistRole;
  last_name: string;
  first_name: string;
  middle_name: Optional<string>;
  name_key: string;
  phone: Optional<string>;
  email: Optional<string>;
  note: Optional<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrgStaffTable {
  id: Generated<string>;
  org_id: string;
  position: string;
  last_name: string;
  first_name: string;
  middle_name: Optional<string>;
  name_key: string;
  rate: Optional<number>;
  phone: Optional<string>;
  email: Optional<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrgEventsTable {
  id: Generated<string>;
  org_id: string;
  date: string;
  title: string;
  kind: EventKind;
  participants: Optional<number>;
  note: Optional<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ChangesTable {
  id: Generated<string>;
  entity_type: EntityType;
  entity_id: string;
  at: DefaultTimestamp;
  actor_user_id: string | null;
  actor_kind: CallerKind | null;
  actor_id: string | null;
  action: string;
  changes: ColumnType<unknown, string, never>;
  note: string | null;
}

export interface MembersTable {
  id: Generated<string>;
  org_id: string;
  /** Filled by a trigger from the org: never written by the application. */
  org_path: Generated<string>;
  status: Defaulted<MemberStatus>;
  last_name: string;
  first_name: string;
  middle_name: Optional<string>;
  name_key: string;
  alt_key: string;
  sex: Optional<Sex>;
  birth_date: Optional<string>;
  category: Optional<MemberCategory>;
  dues_payment_form: Optional<DuesPaymentForm>;
  pd_consent_on: Optional<string>;
  pd_consent_version: Optional<string>;
  pd_consent_method: Optional<PdConsentMethod>;
  joined_on: Optional<string>;
  registered_on: string;
  card_number: string;
  workplace: Optional<string>;
  position: Optional<string>;
  staff_category: Optional<string>;
  study_course: Optional<number>;
  faculty: Optional<string>;
  phone: Optional<string>;
  email: Optional<string>;
  email_verified: Generated<boolean>;
  address: Optional<string>;
  notify_sms: Generated<boolean>;
  notify_push: Generated<boolean>;
  notify_email: Generated<boolean>;
  bonus_programme: Generated<boolean>;
  /** When the member last joined the programme (a trigger keeps it); null outside it. */
  bonus_since: Optional<Date>;
  deregistered_on: Optional<string>;
  deregister_reason: Optional<DeregisterReason>;
  deregister_note: Optional<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Bumped by a trigger on every change: the card's ETag. */
  version: Generated<number>;
}

export interface MemberPeriodsTable {
  id: Generated<string>;
  member_id: string;
  org_id: string;
  registered_on: string;
  deregistered_on: Optional<string>;
  reason: Optional<string>;
  /** Copied by triggers (migration 0018): counting as of a date reads the period alone. */
  org_path: Generated<string>;
  sex: Optional<Sex>;
  birth_date: Optional<string>;
  category: Optional<MemberCategory>;
  transfer_in: Generated<boolean>;
}

/** Counts of a whole subtree (the org and everything below), kept by member and org changes. */
export type StatCounts = Record<StatColumn, number>;

export type OrgStatsTable = { org_id: string } & { [C in StatColumn]: Generated<number> };

/** A daily copy of an org's counts (orgs above primaries), for the dashboard's trend. */
export type OrgStatsDailyTable = { org_id: string; day: string } & StatCounts;

/** One row: the date "under 35" counts are held as of. */
export interface StatsClockTable {
  id: Generated<boolean>;
  age_date: string;
}

export interface ImportsTable {
  id: Generated<string>;
  kind: ImportKind;
  org_id: string;
  user_id: string;
  ip: string | null;
  file_name: string;
  format: SpreadsheetFormat;
  file_size: number;
  status: Defaulted<ImportStatus>;
  total: Optional<number>;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  rejected: Generated<number>;
  resume_pass: Generated<number>;
  resume_row: Generated<number>;
  message: Optional<string>;
  created_at: DefaultTimestamp;
  started_at: Optional<Date>;
  finished_at: Optional<Date>;
  heartbeat_at: Optional<Date>;
}

export interface ImportFilesTable {
  import_id: string;
  seq: number;
  data: Uint8Array;
}

export interface ImportRejectsTable {
  import_id: string;
  row_number: number;
  cells: ColumnType<unknown, string, never>;
  errors: ColumnType<unknown, string, never>;
}

/** «Не дубль»: records a user judged to be different people (a group hides while inside one). */
export interface MemberDuplicateDismissalsTable {
  id: Generated<string>;
  name_key: string;
  birth_date: string | null;
  member_ids: ColumnType<string[], unknown, never>;
  user_id: string | null;
  created_at: DefaultTimestamp;
}

/** A card merged into another: gone from members, its number never given again. */
export interface MemberMergesTable {
  merged_id: string;
  card_number: string;
  kept_id: string;
  user_id: string | null;
  merged_at: DefaultTimestamp;
}

export type LetterStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';

/** The outbox: one row per letter (features/mail). */
export interface MailMessagesTable {
  id: Generated<string>;
  kind: string;
  to_address: string;
  to_name: string | null;
  subject: string;
  /** Null for a mailing's letter: rendered from the mailing as it is sent. */
  text_body: string | null;
  html_body: string | null;
  message_id: string;
  /** The org the letter is about: admins see the letters of their subtree. */
  org_path: string | null;
  member_id: string | null;
  /** A bulk letter (a mailing): it carries List-Unsubscribe. */
  bulk: Defaulted<boolean>;
  status: Defaulted<LetterStatus>;
  attempts: Defaulted<number>;
  last_error: string | null;
  next_attempt_at: DefaultTimestamp;
  locked_until: Timestamp | null;
  /** The claim of the worker sending it: a mark by any other (a lease ran out) changes nothing. */
  lease: string | null;
  created_at: DefaultTimestamp;
  sent_at: Timestamp | null;
  mailing_id: string | null;
  recipient_id: string | null;
  /** When the delivered letter's text was deleted (MAIL_RETENTION_DAYS); null: kept. */
  body_purged_at: Timestamp | null;
}

export interface MailingsTable {
  id: Generated<string>;
  subject: string;
  body: string;
  audience: ColumnType<unknown, string, string>;
  org_id: string;
  org_path: string;
  status: Defaulted<'draft' | 'sending' | 'sent'>;
  total: Defaulted<number>;
  without_email: Defaulted<number>;
  without_consent: Defaulted<number>;
  prepared: Defaulted<number>;
  resume_after: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: DefaultTimestamp;
  sent_at: Timestamp | null;
}

export interface MailingRecipientsTable {
  id: Generated<string>;
  mailing_id: string;
  kind: 'chairman' | 'member';
  person_id: string;
  org_id: string;
  org_path: string;
  name: string;
  email: string | null;
  skip_reason: 'no_email' | 'no_consent' | null;
}

export interface EmailConfirmationsTable {
  token_hash: string;
  member_id: string;
  email: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AppSecretsTable {
  name: string;
  value: string;
}

export interface CabinetCodesTable {
  email: string;
  member_id: string;
  code_hash: string;
  expires_at: Timestamp;
  attempts: Generated<number>;
  created_at: DefaultTimestamp;
}

export interface MemberSessionsTable {
  id: string;
  member_id: string;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export type ConsentKindColumn = (typeof consentKinds)[number];

/** The consents ledger: every grant and withdrawal, never overwritten. */
export interface MemberConsentsTable {
  id: Generated<string>;
  member_id: string;
  kind: ConsentKindColumn;
  granted: boolean;
  version: string;
  at: DefaultTimestamp;
  by: 'member' | 'staff' | 'application' | 'system';
  actor_id: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

/** Unlogged (migration 0023): a session's requests in its current minute. */
export interface SessionBudgetsTable {
  id: string;
  minute: Timestamp;
  used: number;
  written_at: Timestamp | null;
}

/** Unlogged (migration 0023): a partner's token bucket. */
export interface PartnerBucketsTable {
  partner_id: string;
  tokens: number;
  at: Timestamp;
  taken: number;
}

export interface ApplicationsTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  status: Defaulted<ApplicationStatus>;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  name_key: string;
  sex: Sex;
  birth_date: string;
  category: MemberCategory;
  workplace: string;
  position: string | null;
  study_course: number | null;
  phone: string | null;
  email: string;
  pd_consent_version: string;
  code_hash: string | null;
  code_expires_at: Timestamp | null;
  ip: string | null;
  created_at: DefaultTimestamp;
  confirmed_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  reject_reason: string | null;
  member_id: string | null;
}

export interface MemberCategoryChangesTable {
  id: Generated<string>;
  member_id: string;
  changed_on: string;
  old_category: MemberCategory | null;
  org_path: string;
}

export interface ReportFormsTable {
  code: string;
  version: number;
  title: string;
  org_level: OrgLevel;
  definition: ColumnType<unknown, string, never>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ReportCampaignsTable {
  id: Generated<string>;
  form_code: string;
  form_version: number;
  as_of: string;
  deadline: string;
  org_id: string;
  org_path: string;
  status: Defaulted<CampaignStatus>;
  total: Generated<number>;
  created: Generated<number>;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface ReportsTable {
  id: Generated<string>;
  campaign_id: string;
  org_id: string;
  org_path: string;
  status: Defaulted<ReportStatus>;
  values: ColumnType<Record<string, number | string | null>, string | undefined, string>;
  register: ColumnType<Record<string, number>, string | undefined, string>;
  return_comment: string | null;
  reminded_at: Timestamp | null;
  updated_at: DefaultTimestamp;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
}

export interface ReportEventsTable {
  id: Generated<string>;
  report_id: string;
  at: DefaultTimestamp;
  action: 'created' | 'saved' | 'submitted' | 'accepted' | 'returned';
  actor_kind: CallerKind | null;
  actor_id: string | null;
  by_name: string | null;
  comment: string | null;
}

export interface ReportTotalsTable {
  campaign_id: string;
  org_id: string;
  included: Generated<number>;
  values: ColumnType<Record<string, number>, string | undefined, string>;
  register: ColumnType<Record<string, number>, string | undefined, string>;
}

/** A producer's batch of plastic cards (migration 0019). */
export interface CardBatchesTable {
  id: Generated<string>;
  org_id: string;
  org_path: string;
  status: Defaulted<CardBatchStatus>;
  count: Defaulted<number>;
  filled: Defaulted<number>;
  /** Where the filling job stopped: the last member in (org_path, name_key, id) order. */
  fill_path: Optional<string>;
  fill_name: Optional<string>;
  fill_member: Optional<string>;
  created_by: Optional<string>;
  created_at: DefaultTimestamp;
  produced_at: Optional<Date>;
  produced_by: Optional<string>;
  delivered_at: Optional<Date>;
  delivered_by: Optional<string>;
}

/** A carrier of a member's number: a plastic or a virtual card. */
export interface CardsTable {
  id: Generated<string>;
  member_id: string;
  kind: CardKind;
  status: CardStatus;
  batch_id: Optional<string>;
  /** The member's org path, kept by triggers. */
  org_path: string;
  ordered_on: Optional<string>;
  produced_on: Optional<string>;
  delivered_on: Optional<string>;
  issued_on: Optional<string>;
  blocked_on: Optional<string>;
  block_reason: Optional<AnyCardBlockReason>;
  created_at: DefaultTimestamp;
}

/** A transition of one card made on its own (a batch's moves are read from the batch). */
export interface CardEventsTable {
  id: Generated<string>;
  card_id: string;
  member_id: string;
  status: CardStatus;
  reason: Optional<AnyCardBlockReason>;
  at: DefaultTimestamp;
  actor_kind: CallerKind;
  actor_id: Optional<string>;
  actor_login: Optional<string>;
}

/** PROFCARDS partners (migration 0020). */
export interface PartnersTable {
  id: Generated<string>;
  name: string;
  created_at: DefaultTimestamp;
  created_by: Optional<string>;
}

/** A partner's cashback rate from a day on, in hundredths of a percent (350 = 3.5 %). */
export interface PartnerRatesTable {
  id: Generated<string>;
  partner_id: string;
  rate_bp: number;
  valid_from: string;
  created_at: DefaultTimestamp;
  created_by: Optional<string>;
}

/** A partner's API key, kept as its sha256; live while `revoked_at` is null. */
export interface PartnerKeysTable {
  id: Generated<string>;
  partner_id: string;
  key_hash: string;
  prefix: string;
  created_at: DefaultTimestamp;
  created_by: Optional<string>;
  revoked_at: Optional<Date>;
}

export type PurchaseRowStatus = 'pending' | 'confirmed' | 'cancelled';

/** A partner's purchase on a member's card: kopecks, the rate of its day, cashback on hold. */
export interface PurchasesTable {
  id: Generated<string>;
  partner_id: string;
  external_id: string;
  member_id: string;
  org_path: string;
  amount: ColumnType<string, number | string, number | string>;
  rate_bp: number;
  cashback: ColumnType<string, number | string, number | string>;
  purchased_at: Timestamp;
  /** The Moscow month of the purchase (generated). */
  month: ColumnType<string, never, never>;
  status: Defaulted<PurchaseRowStatus>;
  created_at: DefaultTimestamp;
  confirmed_at: Optional<Date>;
  cancelled_at: Optional<Date>;
  reversed_at: Optional<Date>;
}

/** A refund after confirmation: the purchase stays confirmed, this takes the cashback back. */
export interface BonusReversalsTable {
  id: Generated<string>;
  purchase_id: string;
  member_id: string;
  partner_id: string;
  amount: ColumnType<string, number | string, number | string>;
  cashback: ColumnType<string, number | string, number | string>;
  at: DefaultTimestamp;
}

/** A benefit an org offers to the members of its subtree (migration 0022). */
export interface BenefitsTable {
  id: Generated<string>;
  org_id: string;
  title: string;
  description: Optional<string>;
  kind: BenefitKind;
  conditions: Optional<string>;
  active_from: string;
  /** The last day it is offered; null: no end set. */
  active_to: Optional<string>;
  created_at: DefaultTimestamp;
  created_by: Optional<string>;
  updated_at: DefaultTimestamp;
  updated_by: Optional<string>;
}

/** A member's request for a benefit, and its decision; amounts in kopecks. */
export interface AidRequestsTable {
  id: Generated<string>;
  benefit_id: string;
  member_id: string;
  text: string;
  amount: ColumnType<string | null, number | null | undefined, number | null>;
  status: Defaulted<AidRequestStatus>;
  amount_granted: ColumnType<string | null, number | null | undefined, number | null>;
  comment: Optional<string>;
  created_at: DefaultTimestamp;
  decided_at: Optional<Date>;
  decided_by: Optional<string>;
  /** The Moscow month of the decision (generated). */
  decided_month: ColumnType<string | null, never, never>;
}

/** A survey or test (migration 0021): questions as data, the audience resolved at publishing. */
export interface SurveysTable {
  id: Generated<string>;
  title: string;
  kind: SurveyKind;
  anonymous: boolean;
  audience: ColumnType<unknown, string, string>;
  respondent_kind: 'member' | 'chairman';
  org_id: string;
  org_path: string;
  questions: ColumnType<unknown, string, string>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: Defaulted<SurveyStatus>;
  /** The audience as counted when publishing began. */
  audience_count: Defaulted<number>;
  /** Invitees written so far. */
  invited: Defaulted<number>;
  /** The publishing job's keyset position after its last chunk ('"done"' at the end). */
  resume_after: ColumnType<unknown, string | null | undefined, string | null>;
  reminded_at: Optional<Date>;
  /** The reminder job's position: the last person reminded (null: no reminder running). */
  remind_after: Optional<string>;
  created_by: Optional<string>;
  created_at: DefaultTimestamp;
  published_at: Optional<Date>;
}

/** Who was invited (a member, or a chairman by their org's id) and whether they answered. */
export interface SurveyInviteesTable {
  survey_id: string;
  person_id: string;
  /** The org the person was counted under when invited (their answers are too). */
  org_id: string;
  answered: Defaulted<boolean>;
}

/** Invited and respondents of an org's subtree in a survey. */
export interface SurveyOrgStatsTable {
  survey_id: string;
  org_id: string;
  invited: Defaulted<number>;
  respondents: Defaulted<number>;
}

/** How many of an org's subtree gave an answer ('' : answered the question at all). */
export interface SurveyTalliesTable {
  survey_id: string;
  org_id: string;
  question: string;
  answer: string;
  n: number;
}

/** One response: for an anonymous survey no person, no day, a random id. */
export interface SurveyResponsesTable {
  id: Generated<string>;
  survey_id: string;
  org_path: string;
  answers: ColumnType<unknown, string, string>;
  score: Optional<number>;
  respondent_kind: Optional<'member' | 'chairman'>;
  respondent_id: Optional<string>;
  answered_on: Optional<string>;
}

/** An anonymous answer waiting for 4 more from its org (or the closing), with no person. */
export interface SurveyHeldAnswersTable {
  survey_id: string;
  org_path: string;
  answers: ColumnType<unknown, string, string>;
  score: Optional<number>;
}

export interface Database {
  orgs: OrgsTable;
  users: UsersTable;
  sessions: SessionsTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  auth_throttle: AuthThrottleTable;
  sign_in_addresses: SignInAddressesTable;
  audit_log: AuditLogTable;
  org_activists: OrgActivistsTable;
  org_staff: OrgStaffTable;
  org_events: OrgEventsTable;
  changes: ChangesTable;
  members: MembersTable;
  member_periods: MemberPeriodsTable;
  org_stats: OrgStatsTable;
  org_stats_daily: OrgStatsDailyTable;
  stats_clock: StatsClockTable;
  imports: ImportsTable;
  import_files: ImportFilesTable;
  import_rejects: ImportRejectsTable;
  member_duplicate_dismissals: MemberDuplicateDismissalsTable;
  member_merges: MemberMergesTable;
  mail_messages: MailMessagesTable;
  mailings: MailingsTable;
  mailing_recipients: MailingRecipientsTable;
  app_secrets: AppSecretsTable;
  email_confirmations: EmailConfirmationsTable;
  cabinet_codes: CabinetCodesTable;
  member_sessions: MemberSessionsTable;
  member_consents: MemberConsentsTable;
  rate_limits: RateLimitsTable;
  session_budgets: SessionBudgetsTable;
  partner_buckets: PartnerBucketsTable;
  applications: ApplicationsTable;
  member_category_changes: MemberCategoryChangesTable;
  report_forms: ReportFormsTable;
  report_campaigns: ReportCampaignsTable;
  reports: ReportsTable;
  report_events: ReportEventsTable;
  report_totals: ReportTotalsTable;
  card_batches: CardBatchesTable;
  cards: CardsTable;
  card_events: CardEventsTable;
  partners: PartnersTable;
  partner_rates: PartnerRatesTable;
  partner_keys: PartnerKeysTable;
  purchases: PurchasesTable;
  bonus_reversals: BonusReversalsTable;
  surveys: SurveysTable;
  survey_invitees: SurveyInviteesTable;
  survey_org_stats: SurveyOrgStatsTable;
  survey_tallies: SurveyTalliesTable;
  survey_responses: SurveyResponsesTable;
  survey_held_answers: SurveyHeldAnswersTable;
  benefits: BenefitsTable;
  aid_requests: AidRequestsTable;
}

export type NewOrgRow = Insertable<OrgsTable>;
export type OrgRowUpdate = Updateable<OrgsTable>;
export type MemberRow = Selectable<MembersTable>;
export type NewMemberRow = Insertable<MembersTable>;
export type MemberRowUpdate = Updateable<MembersTable>;
