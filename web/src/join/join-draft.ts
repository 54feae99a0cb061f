import type { SubmittedApplication } from './join-form';

// The application sent from this tab, kept for the tab's life: a phone often reloads the page
// while the person is away reading the letter, and the code step must still be there.

const KEY = 'profreestr.join.application';

export interface KeptApplication extends SubmittedApplication {
  confirmed: boolean;
}

export function keptApplication(): KeptApplication | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as KeptApplication | null;
    return kept?.id && kept.email ? kept : null;
  } catch {
    return null;
  }
}

export function keepApplication(application: KeptApplication | null) {
  try {
    if (application) sessionStorage.setItem(KEY, JSON.stringify(application));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage off: a reload then starts over.
  }
}
