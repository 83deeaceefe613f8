/**
 * Rendering a web component in a unit test (jsdom): the admin app's providers — react-query with
 * no retries, the string tables, antd's ConfigProvider and App (for message/modal), a memory
 * router — and a `fetch` that answers from a table of routes and records every call.
 */
import type { ReactElement } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { configure, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { addStrings, I18nProvider } from '../i18n';
import { ALL_STRINGS } from '../i18n/strings';
import { theme } from '../theme';

addStrings(...ALL_STRINGS);

// antd forms re-render a lot in jsdom; on a busy machine a validation or a reply can take over the
// default second to show, so findBy… and waitFor wait up to five.
configure({ asyncUtilTimeout: 5000 });

// jsdom implements getComputedStyle without pseudo-elements (antd asks for ::before of scrollbars).
if (typeof window !== 'undefined') {
  const plain = window.getComputedStyle.bind(window);
  window.getComputedStyle = (elt: Element) => plain(elt);
}

// jsdom lacks matchMedia, which antd's responsive helpers ask for.
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

export interface FetchCall {
  method: string;
  path: string;
  body: unknown;
  /** The query string's parameters; left out when there are none. */
  query?: Record<string, string>;
}

/** A canned answer: the body (status 200), `{ status, body }`, or a function of the call giving either. */
export type FakeAnswer = unknown | { status: number; body: unknown } | ((call: FetchCall) => unknown);

/** `{ status, body }` rather than a record that has a `status` field of its own. */
const isAnswer = (v: unknown): v is { status: number; body: unknown } =>
  !!v && typeof v === 'object' && typeof (v as { status?: unknown }).status === 'number' && 'body' in v;

/** Answers `METHOD /api/path` from `routes` (status 200 unless given); anything else is a 404. */
export function fakeApi(routes: Record<string, FakeAnswer>) {
  const calls: FetchCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api/, '');
    const call: FetchCall = { method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    if (url.search) call.query = Object.fromEntries(url.searchParams);
    calls.push(call);
    const route = routes[`${method} ${path}`];
    const hit: unknown = typeof route === 'function' ? (route as (c: FetchCall) => unknown)(call) : route;
    const { status, body } = isAnswer(hit)
      ? hit
      : hit === undefined
        ? { status: 404, body: { code: 'NOT_FOUND', message: '记录不存在或无权查看' } }
        : { status: 200, body: hit };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/** Shows the router's current address, so a test can read what the address bar would show. */
function LocationProbe() {
  const { pathname, search } = useLocation();
  return <output data-testid="test-location" hidden>{`${pathname}${search}`}</output>;
}

/** The address the page is at now (path and query), as the address bar would show it. */
export const currentLocation = () => screen.getByTestId('test-location').textContent ?? '';

/** Renders `ui` at `path` (matched by `route`) inside the admin app's providers. */
export function renderPage(ui: ReactElement, { path = '/', route = '*' }: { path?: string; route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <ConfigProvider locale={zhCN} theme={theme}>
          <AntApp>
            <MemoryRouter initialEntries={[path]}>
              <LocationProbe />
              <Routes>
                <Route path={route} element={ui} />
                <Route path="*" element={<div data-testid="elsewhere" />} />
              </Routes>
            </MemoryRouter>
          </AntApp>
        </ConfigProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

/**
 * Which of `names` show as buttons now, in the order given (antd spaces two-character labels —
 * 编 辑 — so spaces are ignored).
 */
export function buttonsShown(names: readonly string[]): string[] {
  const labels = new Set(screen.queryAllByRole('button').map((b) => (b.textContent ?? '').replace(/\s+/g, '')));
  return names.filter((n) => labels.has(n));
}
