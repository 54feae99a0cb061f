import type { Page } from 'playwright-core';

/** Sets up data through the public API, as an integration script would. */
export async function apiSession(baseUrl: string, login: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!response.ok) throw new Error(`login ${login}: ${response.status}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { user } = (await response.json()) as { user: { orgId: string } };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
  return {
    user,
    /** The session's cookie header, for a request made by hand. */
    cookie,
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
    patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
    /** A file export, as text. */
    text: async (path: string) =>
      (await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } })).text(),
    /** A multipart upload, as the import page sends it. */
    upload: async <T>(
      path: string,
      fields: Record<string, string>,
      file: { name: string; content: string },
    ) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([file.content]), file.name);
      const r = await fetch(`${baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { cookie },
        body: form,
      });
      if (!r.ok) throw new Error(`upload ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

/** Signs in through the real login page. */
export async function signIn(page: Page, baseUrl: string, login: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
