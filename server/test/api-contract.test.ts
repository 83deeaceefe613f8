/**
 * The API contract (schemas/src/api) and the registered routes agree: every route is declared in
 * the contract with a response schema, every declared route is registered, and the OpenAPI document
 * shows a response for each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '@touyan/schemas/api';
import { createTestApp, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const declared = Object.values(API).flatMap((group) =>
  Object.values(group as Record<string, { method: string; url: string }>).map((r) => `${r.method} /api${r.url}`),
);
const registered = () =>
  t.routes
    .filter((r) => String(r.url).startsWith('/api/') && !String(r.url).startsWith('/api/docs'))
    .map((r) => `${String(r.method)} ${r.url}`);

describe('API contract', () => {
  it('declares every registered route, each once', () => {
    expect(new Set(declared).size).toBe(declared.length);
    expect(registered().filter((k) => !declared.includes(k))).toEqual([]);
  });

  it('registers every declared route', () => {
    const reg = new Set(registered());
    expect(declared.filter((k) => !reg.has(k))).toEqual([]);
  });

  it('gives every route a response in the OpenAPI document', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    const missing: string[] = [];
    let n = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (p.startsWith('/api/docs')) continue;
      for (const [method, op] of Object.entries(ops)) {
        n++;
        const ok = Object.entries(op.responses ?? {}).some(
          ([code, r]) => /^2/.test(code) && !!(r as { content?: unknown }).content,
        );
        if (!ok) missing.push(`${method.toUpperCase()} ${p}`);
      }
    }
    expect(missing).toEqual([]);
    expect(n).toBe(declared.length);
  });
});
