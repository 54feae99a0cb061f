import type { ConsentEntry, ConsentKind, Member } from '@profreestr/contracts';

/** Whether each consent is given now: the card says it, the bonus programme its ledger. */
export function consentState(member: Member, ledger: ConsentEntry[]): Record<ConsentKind, boolean> {
  const bonus = newestOf(ledger, 'bonus_programme');
  return {
    pd: member.pdConsent != null,
    notify_email: member.notify.email,
    notify_sms: member.notify.sms,
    notify_push: member.notify.push,
    bonus_programme: bonus?.granted ?? false,
  };
}

/** The ledger newest first (it comes so; sorted again to be sure). */
export const newestFirst = (ledger: ConsentEntry[]) =>
  [...ledger].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

export const newestOf = (ledger: ConsentEntry[], kind: ConsentKind) =>
  newestFirst(ledger).find((entry) => entry.kind === kind);

/** Who made an entry, in words for the member. */
export const consentByLabels: Record<ConsentEntry['by'], string> = {
  member: 'вы, в личном кабинете',
  staff: 'профсоюзная организация',
  application: 'вы, в заявлении о вступлении',
  system: 'система',
};
