import type { Import } from '@profreestr/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';

/** A multipart body as a browser's FormData sends it: text fields first, then the file. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer | string },
) {
  const boundary = `----profreestr${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(
  t: TestApp,
  cookie: string,
  form: { kind: string; orgId: string; name: string; content: Buffer | string },
): Promise<LightMyRequestResponse> {
  const { body, contentType } = multipart({ kind: form.kind, orgId: form.orgId }, form);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { cookie, 'content-type': contentType },
    payload: body,
  });
}

/** Polls the import until it ends, as the UI does. */
export async function waitForImport(t: TestApp, cookie: string, id: string): Promise<Import> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await t.api('GET', `/api/v1/imports/${id}`, { cookie });
    const item = response.json() as Import;
    if (item.status === 'done' || item.status === 'failed') return item;
    if (Date.now() > deadline) throw new Error(`import ${id} did not finish: ${response.body}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads and waits: the finished import. */
export async function importFile(
  t: TestApp,
  cookie: string,
  form: { kind: string; orgId: string; name: string; content: Buffer | string },
): Promise<Import> {
  const response = await upload(t, cookie, form);
  if (response.statusCode !== 202)
    throw new Error(`upload: ${response.statusCode} ${response.body}`);
  return waitForImport(t, cookie, response.json().id);
}

export const csv = (rows: string[][]) => rows.map((r) => r.join(';')).join('\r\n');
