import { MantineProvider } from '@mantine/core';
import type { MeResponse, Role, StaffAction } from '@profreestr/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { API_BASE } from '../api/client';
import { createQueryClient } from '../api/query-client';
import { createAppRouter } from '../app';

// The real app (routes, auth guard, layout, pages) over a fake server: tests stub the network
// at `fetch` and nothing of the app's own.

/** A request the app sent: method, path under /api/v1 (no query), query and JSON body. */
export interface SentRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
}

/** The answer to a request: a JSON body (200), or another status built with `reply`. */
type Answer = object | string | number | boolean | null;
type Route = Answer | ((request: SentRequest) => Answer);
/** Routes by `'GET /members/7'`: method, a space, the path under /api/v1 without the query. */
export type Routes = Record<string, Route>;

const REPLY = Symbol('reply');
interface Reply {
  [REPLY]: true;
  status: number;
  body: unknown;
}
export const reply = (status: number, body: unknown = null): Reply => ({
  [REPLY]: true,
  status,
  body,
});
const isReply = (answer: unknown): answer is Reply =>
  typeof answer === 'object' && answer !== null && REPLY in answer;

const notFound = () =>
  reply(404, { error: { code: 'not_found', message: 'Не найдено', details: [] } });

/**
 * Stubs `fetch` with the routes; anything else answers 404. Returns what the app sent, in
 * order, for tests that check a form's request.
 */
export function stubServer(routes: Routes): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const request: SentRequest = {
      method: init.method ?? 'GET',
      path: url.pathname.slice(API_BASE.length),
      search: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    };
    sent.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const answer =
      route === undefined ? notFound() : typeof route === 'function' ? route(request) : route;
    const { status, body } = isReply(answer) ? answer : { status: 200, body: answer };
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return sent;
}

/** `GET /auth/me` of a signed-in user of org 1 with these permissions. */
export function me(
  permissions: readonly StaffAction[],
  grantableRoles: readonly Role[] = ['viewer'],
  role: Role = 'viewer',
): MeResponse {
  return {
    user: { id: '100', login: 'ivanova', role, orgId: '1', fullName: 'Иванова Анна Петровна' },
    mfa: { enabled: false, required: false, recoveryCodesLeft: 0 },
    permissions: [...permissions],
    grantableRoles: [...grantableRoles],
  };
}

/** Renders the app at `path` (the browser's address), with a fresh cache of the app's defaults. */
export function renderApp(path: string) {
  window.history.replaceState(null, '', path);
  const queryClient = createQueryClient();
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={createAppRouter()} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}
