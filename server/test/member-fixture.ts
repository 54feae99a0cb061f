import type { Member } from '@profreestr/contracts';
import type { TestApp } from './test-app.js';

/** Puts a member on record through the API and returns the card. */
export async function putOnRecord(
  t: TestApp,
  cookie: string,
  body: Record<string, unknown>,
): Promise<Member> {
  const response = await t.api('POST', '/api/v1/members', { cookie, body });
  if (response.statusCode !== 201) {
    throw new Error(`put on record: ${response.statusCode} ${response.body}`);
  }
  return response.json() as Member;
}
