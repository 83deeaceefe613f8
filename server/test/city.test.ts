/**
 * The synthetic city (issue 15, server/src/bench/city.ts) at a tiny scale: what the bulk inserts
 * wrote reads back through the services — every sampled record through its own detail route (the
 * reply is validated against the API schema), the lists' totals equal what was generated — and the
 * dashboard's figures for the city and each county equal the generated counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../src/core/time';
import { cityCounts, generateCity, type CityWorld } from '../src/bench/city';
import { call, createTestApp, login, type Session, type TestApp } from './harness';
import type { DashboardView } from '@touyan/schemas';

const SCALE = 0.0002;
let t: TestApp;
let city: CityWorld;
let staff: Session;

beforeAll(async () => {
  t = await createTestApp();
  city = await generateCity(t.services, t.admin, { scale: SCALE, lanes: 1 });
  staff = await login(t.app, 'city_staff');
}, 300_000);
afterAll(() => t.close());

async function get<T>(url: string): Promise<T> {
  const res = await call(t.app, staff, 'GET', url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<T>();
}

async function total(url: string): Promise<number> {
  return (await get<{ total: number }>(`${url}${url.includes('?') ? '&' : '?'}withTotal=1&limit=1`)).total;
}

/** Up to `n` ids of a table, spread over it. */
async function sample(table: 'hostOrgs' | 'workers' | 'demands' | 'passes', n: number): Promise<string[]> {
  const rows = await t.services.db.selectFrom(table).select('id').orderBy('id').execute();
  const step = Math.max(1, Math.floor(rows.length / n));
  return rows.filter((_, i) => i % step === 0).map((r) => r.id);
}

describe('the synthetic city', () => {
  it('writes the scaled counts and every sampled record reads back through its service', async () => {
    const c = cityCounts(SCALE);
    expect(city.counts).toEqual(c);
    expect(await total('/api/host-orgs')).toBe(c.hostOrgs);
    expect(await total('/api/workers')).toBe(c.workers);
    const scans = await t.services.db
      .selectFrom('passScans')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(scans.n)).toBe(c.scans);
    for (const id of await sample('hostOrgs', 10)) {
      const h = await get<{ id: string; creditCode: string; coverageStatus: string }>(`/api/host-orgs/${id}`);
      expect(h.id).toBe(id);
    }
    for (const id of await sample('workers', 10)) {
      const w = await get<{ id: string; idNumberMasked: string; mobile: string }>(`/api/workers/${id}`);
      expect(w.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    }
    for (const id of await sample('demands', 10)) {
      const d = await get<{ id: string; status: string; dueOn?: string }>(`/api/demands/${id}`);
      expect(d.id).toBe(id);
    }
    for (const id of await sample('passes', 5)) expect((await get<{ id: string }>(`/api/passes/${id}`)).id).toBe(id);
    const projects = await get<{ items: { id: string }[] }>('/api/projects?limit=5');
    for (const p of projects.items) expect((await get<{ id: string }>(`/api/projects/${p.id}`)).id).toBe(p.id);
  });

  it('agrees with the dashboard: the city and each county count what was generated', async () => {
    const q = `period=custom&from=${city.since}&to=${shanghaiDate()}`;
    const view = await get<DashboardView>(`/api/dashboards/overview?${q}`);
    const figure = (v: DashboardView, key: string) => v.panels.flatMap((p) => p.figures).find((f) => f.key === key)!;
    const sum = (k: keyof CityWorld['byCounty'][number]) => city.byCounty.reduce((n, c) => n + c[k], 0);
    expect(figure(view, 'coverage.total').value).toBe(city.counts.hostOrgs);
    expect(figure(view, 'workers.verified').value).toBe(sum('workersVerified'));
    expect(figure(view, 'demands.received').value).toBe(city.counts.demands);
    expect(figure(view, 'demands.resolved').value).toBe(sum('demandsResolved'));
    expect(figure(view, 'projects.total').value).toBe(
      (await get<{ total: number }>('/api/projects?withTotal=1&limit=1')).total,
    );
    // One panel asked for: that panel alone, with the same figures.
    const one = await get<DashboardView>(`/api/dashboards/overview?${q}&panel=demands`);
    expect(one.panels.map((p) => p.key)).toEqual(['demands']);
    expect(one.panels[0]!.figures).toEqual(view.panels.find((p) => p.key === 'demands')!.figures);
    for (const [i, county] of city.tree.counties.entries()) {
      const at = (key: string) => figure(view, key).byArea.find((a) => a.regionCode === county.regionCode)!.value;
      expect(at('coverage.total')).toBe(city.byCounty[i]!.hostOrgs);
      expect(at('workers.verified')).toBe(city.byCounty[i]!.workersVerified);
      expect(at('demands.received')).toBe(city.byCounty[i]!.demands);
      expect(at('demands.resolved')).toBe(city.byCounty[i]!.demandsResolved);
    }
  });
});
