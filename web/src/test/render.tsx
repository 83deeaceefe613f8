/**
 * Rendering a web component in a unit test (jsdom): the admin app's providers — react-query with
 * no retries, the string tables, antd's ConfigProvider and App (for message/modal), a memory
 * router — and a `fetch` that answers from a table of routes and records every call.
 */
import type { ReactElement } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { addStrings, I18nProvider } from '../i18n';
import { ALL_STRINGS } from '../i18n/strings';
import { theme } from '../theme';

addStrings(...ALL_STRINGS);

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
}

/** Answers `METHOD /api/path` from `routes` (status 200 unless given); anything else is a 404. */
export function fakeApi(routes: Record<string, unknown | { status: number; body: unknown }>) {
  const calls: FetchCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api/, '');
    calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const hit = routes[`${method} ${path}`];
    const { status, body } =
      hit && typeof hit === 'object' && 'status' in hit
        ? (hit as { status: number; body: unknown })
        : hit === undefined
          ? { status: 404, body: { code: 'NOT_FOUND', message: '记录不存在或无权查看' } }
          : { status: 200, body: hit };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/** Renders `ui` at `path` (matched by `route`) inside the admin app's providers. */
export function renderPage(ui: ReactElement, { path = '/', route = '*' }: { path?: string; route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <ConfigProvider locale={zhCN} theme={theme}>
          <AntApp>
            <MemoryRouter initialEntries={[path]}>
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
