import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';

// Online applications through the public API, as a person fills the form: each request from an
// address of its own (the public routes are throttled per address), the code read back from
// the letter in the outbox.

let seq = 0;
/** A fresh address for a public request: nobody's throttle is shared with another test's. */
export const freshAddress = () => {
  seq++;
  return `172.${16 + ((seq >> 16) & 15)}.${(seq >> 8) & 255}.${seq & 255}`;
};

const letters = 'абвгдежзиклмнопрстуфхцчшщэюя';
/** `Заявкина` and letters: a person nobody else applied as. */
export const uniqueSurname = () => {
  let rest = ++seq;
  let tail = '';
  do {
    tail = letters[rest % letters.length] + tail;
    rest = Math.floor(rest / letters.length);
  } while (rest > 0);
  return `Заявкина${tail}`;
};

/** A valid form for the org, of a person of their own; `overrides` change or add fields. */
export const applicationForm = (orgId: string, overrides: Record<string, unknown> = {}) => ({
  orgId,
  lastName: uniqueSurname(),
  firstName: 'Анна',
  middleName: 'Петровна',
  sex: 'female',
  birthDate: '1990-04-12',
  category: 'working',
  workplace: 'Школа № 1',
  position: 'Учитель',
  phone: '+79123456789',
  email: `applicant${++seq}@example.org`,
  pdConsent: true,
  ...overrides,
});

/** A public request (no session) from `address`. */
export function publicRequest(
  t: TestApp,
  method: 'GET' | 'POST',
  url: string,
  options: { body?: unknown; address?: string } = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    remoteAddress: options.address ?? freshAddress(),
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
}

/** The code of the newest confirmation letter to `email`, as it waits in the outbox. */
export async function confirmationCode(t: TestApp, email: string): Promise<string> {
  const [letter] = (await t.database.query(
    `select text_body from mail_messages where kind = 'application_confirmation'
       and to_address = $1 order by id desc limit 1`,
    [email],
  )) as { text_body: string }[];
  const code = /(\d{6})/.exec(letter?.text_body ?? '')?.[1];
  if (!code) throw new Error(`no confirmation letter to ${email}`);
  return code;
}

/** An application made through the form and, unless `confirmed: false`, confirmed by its code. */
export async function submitApplication(
  t: TestApp,
  orgId: string,
  overrides: Record<string, unknown> = {},
  options: { confirmed?: boolean } = {},
): Promise<{ id: string; email: string; code: string }> {
  const form = applicationForm(orgId, overrides);
  const created = await publicRequest(t, 'POST', '/api/v1/applications', { body: form });
  if (created.statusCode !== 201) {
    throw new Error(`application: ${created.statusCode} ${created.body}`);
  }
  const id = created.json().id as string;
  const code = await confirmationCode(t, form.email);
  if (options.confirmed !== false) {
    const confirmed = await publicRequest(t, 'POST', `/api/v1/applications/${id}/confirm`, {
      body: { code },
    });
    if (confirmed.statusCode !== 200) {
      throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`);
    }
  }
  return { id, email: form.email, code };
}
