import { describe, expect, it } from 'vitest';
import type { Store } from '../../store';
import { demandFigures } from '../demands/demands.figures';
import { visitFigures } from '../visits/visits.figures';
import { figurePeriod, FigureRegistry, queryString, type FigureDefinition } from './indicators.registry';

const label = { 'zh-CN': '测试', en: 'Test' };
const figure = (key: string, value = 0): FigureDefinition => ({
  key,
  label,
  unit: '件',
  description: label,
  count: async () => value,
  link: ({ orgId }, { from, to }) => `/x?${queryString({ orgId, from, to })}`,
});

/** A store whose repositories record the calls the figures make (no database). */
function fakeStore<K extends string>(name: K, calls: unknown[][]) {
  const repo = { count: async (...args: unknown[]) => (calls.push(args), 7) };
  return { repos: { [name]: repo } } as unknown as Store<never>;
}

describe('FigureRegistry', () => {
  it('registers figures under unique, well-formed keys and lists them in order', () => {
    const r = new FigureRegistry([figure('a.one'), figure('a.two.three')]);
    expect(r.list().map((f) => f.key)).toEqual(['a.one', 'a.two.three']);
    expect(r.has('a.one')).toBe(true);
    expect(r.has('a.none')).toBe(false);
    expect(() => r.register(figure('a.one'))).toThrow(/registered twice/);
    expect(() => r.register(figure('NoDot'))).toThrow(/invalid figure key/);
    expect(() => r.register(figure('a.with space'))).toThrow(/invalid figure key/);
  });

  it('evaluates a figure over an area and period, with the link to its rows; an unknown key gives null', async () => {
    const r = new FigureRegistry([figure('a.one', 12)]);
    const v = await r.evaluate('a.one', { orgId: 'ORG1' }, { from: '2025-01-01', to: '2025-12-31' });
    expect(v).toMatchObject({ value: 12, link: '/x?orgId=ORG1&from=2025-01-01&to=2025-12-31' });
    expect(await r.evaluate('a.none', { orgId: 'ORG1' }, { from: '2025-01-01', to: '2025-12-31' })).toBeNull();
  });

  it('takes the binding’s own dates, else the campaign year', () => {
    expect(figurePeriod(2025, null, null)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(figurePeriod(2025, '2025-04-01', null)).toEqual({ from: '2025-04-01', to: '2025-12-31' });
    expect(figurePeriod(2025, null, '2025-06-30')).toEqual({ from: '2025-01-01', to: '2025-06-30' });
  });

  it('writes query strings without empty values and flags as 1', () => {
    expect(queryString({ a: 'x', b: undefined, c: null, d: false, e: true, f: '', g: 3 })).toBe('a=x&e=1&g=3');
  });
});

describe('the figures of visits and demands', () => {
  it('register the keys the issue names, each counting with exactly the filters its link carries', async () => {
    const calls: unknown[][] = [];
    const r = new FigureRegistry([
      ...visitFigures(fakeStore('visits', calls) as Store<'visits'>),
      ...demandFigures(fakeStore('demands', calls) as Store<'demands'>),
    ]);
    expect(r.list().map((f) => f.key)).toEqual([
      'visits.firms_visited',
      'visits.visits',
      'demands.received',
      'demands.resolved',
      'demands.resolved.factor',
      'demands.resolved.legacy',
      'demands.sign_due',
      'demands.signed_on_time',
      'demands.rated',
      'demands.satisfied',
    ]);
    const area = { orgId: '01JORG0000000000000000000A' };
    const period = { from: '2025-01-01', to: '2025-12-31' };
    for (const f of r.list()) {
      calls.length = 0;
      const v = (await r.evaluate(f.key, area, period))!;
      expect(v.value).toBe(7);
      // The filters given to the list's count are the link's query parameters (and only those).
      const filters = calls[0]![1] as Record<string, unknown>;
      const [path, query] = v.link.split('?');
      expect(path).toBe(f.key.startsWith('visits.') ? '/visits' : '/demands');
      const fromLink = Object.fromEntries(new URLSearchParams(query));
      const given = Object.fromEntries(
        Object.entries(filters)
          .filter(([k, x]) => x !== undefined && x !== false && !['mine', 'withTotal', 'limit'].includes(k))
          .map(([k, x]) => [k, x === true ? '1' : String(x)]),
      );
      expect(fromLink, f.key).toEqual(given);
      expect(fromLink).toMatchObject({ orgId: area.orgId, from: period.from, to: period.to });
    }
  });
});
