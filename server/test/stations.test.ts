import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckInView, NearbyStationList, StationCodeView, StationUsageView, StationView } from '@touyan/schemas';
import { setProcessClock } from '../src/core/clock';
import { MIGRATIONS } from '../src/db/migrations';
import { ALL_DAY, everyDay } from '../src/seed/station-factories';
import { call, createTestApp, login, TEST_DB, type Session, type TestApp } from './harness';
import { verifiedWorkerFor } from './station-fixtures';
import { buildWorld, type World } from './world';

let t: TestApp;
let w: World;
let staff: Session;
let staffB: Session;
let manager: Session;
let worker: Session;
let worker2: Session;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  staff = await login(t.app, w.usernames.staff);
  manager = await login(t.app, w.usernames.station_manager);
  worker = await login(t.app, w.usernames.worker);
  const admin = await login(t.app, 'admin');
  for (const [username, role, orgId] of [
    ['b_staff_st', 'staff', w.b.dept.id],
    ['a_worker2', 'worker', w.a.dept.id],
  ] as const) {
    const r = await call(t.app, admin, 'POST', '/api/users', {
      username,
      displayName: username,
      password: 'Touyan@2025',
      roles: [{ role, orgId }],
    });
    expect(r.statusCode, r.body).toBe(200);
  }
  staffB = await login(t.app, 'b_staff_st', 'Touyan@2025');
  worker2 = await login(t.app, 'a_worker2', 'Touyan@2025');
  await verifiedWorkerFor(t, w.users.worker.id, '李骑手');
  await verifiedWorkerFor(t, worker2.userId, '王骑手');
});
// Back to the real clock with sessions opened there: a case that does not travel must not inherit
// sessions opened at an earlier case's simulated time (they would have run out by the real clock).
afterEach(() => travel(null));

/**
 * Moves the process clock to a Beijing time (null: back to the real one) and opens the sessions anew
 * there: the cases jump hours and weeks, past the sessions' sliding lifetime (on PostgreSQL every
 * request confirms its session row at the clock's time; one process alone would have answered from its
 * short cache).
 */
async function travel(local: string | null) {
  setProcessClock(local === null ? null : () => at(local));
  staff = await login(t.app, w.usernames.staff);
  manager = await login(t.app, w.usernames.station_manager);
  worker = await login(t.app, w.usernames.worker);
  staffB = await login(t.app, 'b_staff_st', 'Touyan@2025');
  worker2 = await login(t.app, 'a_worker2', 'Touyan@2025');
}
afterAll(() => t.close());

// A worker stands at 惠山万达 (31.6812, 120.2036); the stations lie at known offsets from there.
const here = { lat: 31.6812, lng: 120.2036 };
const north = (m: number) => ({ lat: here.lat + m / 111_195, lng: here.lng });
const east = (m: number) => ({ lat: here.lat, lng: here.lng + m / (111_195 * Math.cos((here.lat * Math.PI) / 180)) });

const body = (name: string, at: { lat: number; lng: number }, extra: Record<string, unknown> = {}) => ({
  name,
  address: `${name}（测试地址）`,
  regionCode: '210603',
  ...at,
  hours: everyDay('09:00', '18:00'),
  amenities: ['rest', 'water'],
  openedOn: '2025-05-01',
  ...extra,
});

async function create(s: Session, b: Record<string, unknown>): Promise<StationView> {
  const r = await call(t.app, s, 'POST', '/api/stations', b);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<StationView>();
}

const at = (local: string) => new Date(`${local}:00+08:00`);
const ids = (l: NearbyStationList) => l.items.map((i) => i.name);

describe(`惠新驿家 stations (${TEST_DB})`, () => {
  let near: StationView;
  let mid: StationView;
  let far: StationView;
  let allDay: StationView;
  let outside: StationView;

  it('keeps the ledger: staff create stations in their region, with amenities and hours', async () => {
    near = await create(staff, body('近站', north(300), { managerUserId: w.users.station_manager.id }));
    mid = await create(staff, body('中站', east(1200), { amenities: ['rest', 'charging', 'microwave'] }));
    far = await create(staff, body('远站', north(-4000), { amenities: ['charging'] }));
    allDay = await create(
      staff,
      body('全天站', east(-2500), {
        hours: { ...ALL_DAY, holidays: [{ from: '2027-01-01', to: '2027-01-01', spans: [], note: '元旦闭站' }] },
        amenities: ['charging', 'water'],
      }),
    );
    outside = await create(staff, body('城外站', north(30_000)));
    expect(near).toMatchObject({ managerName: w.users.station_manager.displayName, amenities: ['rest', 'water'] });
    expect(allDay.hours.allDay).toBe(true);
    expect(near.abilities).toEqual(['update', 'upkeep', 'code']);
    // Not in another county's region.
    const refused = await call(
      t.app,
      staff,
      'POST',
      '/api/stations',
      body('元宝站', north(100), { regionCode: '210602' }),
    );
    expect(refused.statusCode).toBe(404);
    expect(refused.json().fields).toHaveProperty('regionCode');
  });

  it('finds the nearest stations in order, with distance and direction', async () => {
    await travel('2026-12-07T10:00');
    const r = await call(t.app, worker, 'GET', `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}`);
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json<NearbyStationList>();
    expect(ids(list)).toEqual(['近站', '中站', '全天站', '远站']);
    const [n, m, a, f] = list.items;
    expect(n!.distanceM).toBeGreaterThan(295);
    expect(n!.distanceM).toBeLessThan(305);
    expect(n!.direction).toBe('N');
    expect(m!.direction).toBe('E');
    expect(a!.direction).toBe('W');
    expect(f!.direction).toBe('S');
    expect(f!.distanceM).toBeCloseTo(4000, -1);
    // The radius cuts: 城外站 is 30 km away.
    const wide = await call(t.app, worker, 'GET', `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}&radiusKm=50`);
    expect(ids(wide.json())).toContain('城外站');
    expect(outside.id).toBeTruthy();
  });

  it('filters by amenities (every one asked for)', async () => {
    await travel('2026-12-07T10:00');
    const q = (a: string) => `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}&amenity=${a}`;
    expect(ids((await call(t.app, worker, 'GET', q('charging'))).json())).toEqual(['中站', '全天站', '远站']);
    expect(ids((await call(t.app, worker, 'GET', q('charging,water'))).json())).toEqual(['全天站']);
    expect((await call(t.app, worker, 'GET', q('sauna'))).statusCode).toBe(400);
  });

  it('answers open now by the hours: 24-hour stations at night, holiday hours winning', async () => {
    const open = async () =>
      ids((await call(t.app, worker, 'GET', `/api/stations/nearby?lat=${here.lat}&lng=${here.lng}&openNow=1`)).json());
    await travel('2026-12-07T10:00');
    expect(await open()).toEqual(['近站', '中站', '全天站', '远站']);
    await travel('2026-12-07T23:00');
    expect(await open()).toEqual(['全天站']);
    await travel('2027-01-01T23:00');
    expect(await open()).toEqual([]);
    // A holiday on 中站 (its manager's upkeep): closed on 2026-12-08 though a weekday.
    await travel(null);
    const st = (await call(t.app, staff, 'GET', `/api/stations/${mid.id}`)).json<StationView>();
    const up = await call(t.app, staff, 'PATCH', `/api/stations/${mid.id}/upkeep`, {
      hours: { ...st.hours, holidays: [{ from: '2026-12-08', to: '2026-12-08', spans: [] }] },
      amenities: st.amenities,
      version: st.version,
    });
    expect(up.statusCode, up.body).toBe(200);
    await travel('2026-12-08T10:00');
    expect(await open()).toEqual(['近站', '全天站', '远站']);
  });

  it('lets a station manager keep only their own station (hours, amenities, code)', async () => {
    const mine = await call(t.app, manager, 'GET', '/api/stations?withTotal=1');
    expect(mine.json()).toMatchObject({ total: 1, items: [{ id: near.id, abilities: ['upkeep', 'code'] }] });
    const up = await call(t.app, manager, 'PATCH', `/api/stations/${near.id}/upkeep`, {
      hours: ALL_DAY,
      amenities: ['rest', 'water', 'microwave', 'first_aid'],
      version: near.version,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({
      hours: { allDay: true },
      amenities: ['first_aid', 'microwave', 'rest', 'water'],
    });
    // A stale version.
    const stale = await call(t.app, manager, 'PATCH', `/api/stations/${near.id}/upkeep`, {
      hours: ALL_DAY,
      amenities: [],
      version: near.version,
    });
    expect(stale.statusCode).toBe(409);
    // Another station of the county: not theirs (not even visible); the ledger fields are not theirs either.
    const other = await call(t.app, manager, 'PATCH', `/api/stations/${mid.id}/upkeep`, {
      hours: ALL_DAY,
      amenities: [],
      version: 1,
    });
    expect(other.statusCode).toBe(404);
    expect((await call(t.app, manager, 'GET', `/api/stations/${mid.id}/code`)).statusCode).toBe(404);
    expect(
      (await call(t.app, manager, 'PATCH', `/api/stations/${near.id}`, { ...body('近站', here), version: 2 }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps the ledger in its county: another county’s staff neither see nor change it', async () => {
    expect((await call(t.app, staffB, 'GET', `/api/stations/${near.id}`)).statusCode).toBe(404);
    expect((await call(t.app, staffB, 'GET', '/api/stations?withTotal=1')).json()).toMatchObject({ total: 0 });
    const v = (await call(t.app, staff, 'GET', `/api/stations/${far.id}`)).json<StationView>().version;
    expect(
      (await call(t.app, staffB, 'PATCH', `/api/stations/${far.id}`, { ...body('远站', here), version: v })).statusCode,
    ).toBe(404);
    expect((await call(t.app, staffB, 'POST', `/api/stations/${far.id}/code`)).statusCode).toBe(404);
    // The export is the staff's ledger.
    const x = await call(t.app, staff, 'GET', '/api/stations/export.xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });

  let code: StationCodeView;
  let first: CheckInView;
  it('checks a verified worker in by the station code, once per 10 minutes', async () => {
    code = (await call(t.app, manager, 'GET', `/api/stations/${near.id}/code`)).json<StationCodeView>();
    expect(code.code).toMatch(/^TYST1\./);
    await travel('2026-12-07T10:00');
    const r = await call(t.app, worker, 'POST', '/api/station-check-ins', { code: code.code });
    expect(r.statusCode, r.body).toBe(200);
    first = r.json<CheckInView>();
    expect(first).toMatchObject({ stationId: near.id, workerName: '李骑手', created: true });
    await travel('2026-12-07T10:09');
    const again = (
      await call(t.app, worker, 'POST', '/api/station-check-ins', { code: code.code })
    ).json<CheckInView>();
    expect(again).toMatchObject({ id: first.id, created: false });
    await travel('2026-12-07T10:11');
    const later = (
      await call(t.app, worker, 'POST', '/api/station-check-ins', { code: code.code })
    ).json<CheckInView>();
    expect(later.created).toBe(true);
    expect(later.id).not.toBe(first.id);
    // Another worker at the same minute is their own check-in.
    const other = (
      await call(t.app, worker2, 'POST', '/api/station-check-ins', { code: code.code })
    ).json<CheckInView>();
    expect(other.created).toBe(true);
    // Staff are no verified workers; a forged code is refused.
    const s = await call(t.app, staff, 'POST', '/api/station-check-ins', { code: code.code });
    expect(s.json().code).toBe('WORKER_NOT_VERIFIED');
    const flipped = code.code.slice(0, -1) + (code.code.endsWith('A') ? 'B' : 'A');
    const f = await call(t.app, worker, 'POST', '/api/station-check-ins', { code: flipped });
    expect([f.statusCode, f.json().code]).toEqual([400, 'STATION_CODE_INVALID']);
  });

  it('rates a check-in once, by its worker only', async () => {
    const r = await call(t.app, worker, 'POST', `/api/station-check-ins/${first.id}/rating`, {
      rating: 5,
      comment: '热水很方便',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ rating: 5, comment: '热水很方便' });
    const twice = await call(t.app, worker, 'POST', `/api/station-check-ins/${first.id}/rating`, { rating: 1 });
    expect(twice.json().code).toBe('CHECK_IN_RATING_CLOSED');
    const other = await call(t.app, worker2, 'POST', `/api/station-check-ins/${first.id}/rating`, { rating: 1 });
    expect(other.statusCode).toBe(404);
    expect(
      (await call(t.app, worker, 'POST', `/api/station-check-ins/${first.id}/rating`, { rating: 6 })).statusCode,
    ).toBe(400);
    const st = (await call(t.app, worker, 'GET', `/api/stations/${near.id}`)).json<StationView>();
    expect(st).toMatchObject({ ratingAvg: 5, ratingCount: 1 });
  });

  it('refuses a code after its reissue (410), and takes the new one', async () => {
    const re = await call(t.app, manager, 'POST', `/api/stations/${near.id}/code`);
    expect(re.statusCode, re.body).toBe(200);
    const fresh = re.json<StationCodeView>();
    expect(fresh.serial).toBe(code.serial + 1);
    await travel('2026-12-07T12:00');
    const old = await call(t.app, worker, 'POST', '/api/station-check-ins', { code: code.code });
    expect([old.statusCode, old.json().code]).toEqual([410, 'STATION_CODE_REVOKED']);
    const ok = await call(t.app, worker, 'POST', '/api/station-check-ins', { code: fresh.code });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('counts usage per station, day and hour, and lists the check-ins for the manager', async () => {
    const u = await call(t.app, manager, 'GET', '/api/stations/usage?from=2026-12-01&to=2026-12-31');
    expect(u.statusCode, u.body).toBe(200);
    const usage = u.json<StationUsageView>();
    expect(usage).toMatchObject({ total: 4, ratingAvg: 5, ratingCount: 1 });
    expect(usage.byStation).toEqual([{ stationId: near.id, name: '近站', count: 4, ratingAvg: 5 }]);
    expect(usage.byDay).toEqual([{ date: '2026-12-07', count: 4 }]);
    expect(usage.byHour).toEqual([
      { hour: 10, count: 3 },
      { hour: 12, count: 1 },
    ]);
    const list = await call(t.app, manager, 'GET', `/api/stations/${near.id}/check-ins?from=2026-12-07&to=2026-12-07`);
    expect(list.json().items).toHaveLength(4);
    expect((await call(t.app, staffB, 'GET', '/api/stations/usage?from=2026-12-01&to=2026-12-31')).json().total).toBe(
      0,
    );
    expect(
      (await call(t.app, staffB, 'GET', `/api/stations/usage?from=2026-12-01&to=2026-12-31&stationId=${near.id}`))
        .statusCode,
    ).toBe(404);
  });

  it('binds stations.count: stations opened in the period in the area, the same rows as the ledger link', async () => {
    const fig = t.services.figures.get('stations.count')!;
    const period = { from: '2025-01-01', to: '2025-12-31' };
    const n = await fig.count({ orgId: w.a.committee.id }, period);
    expect(n).toBe(5);
    expect(await fig.count({ orgId: w.b.committee.id }, period)).toBe(0);
    const link = fig.link({ orgId: w.a.committee.id }, period);
    expect(link.startsWith('/stations/ledger?')).toBe(true);
    const api = await call(t.app, staff, 'GET', `/api/stations?withTotal=1&${link.split('?')[1]}`);
    expect(api.json().total).toBe(n);
  });
});

describe(`惠新驿家 hours in spans, manager and host organisation (${TEST_DB})`, () => {
  const split = everyDay('07:00', '11:30', '13:30', '22:00');
  const nearbyOpen = async (name: string) =>
    ids(
      (
        await call(
          t.app,
          worker,
          'GET',
          `/api/stations/nearby?lat=${here.lat + 0.3}&lng=${here.lng}&radiusKm=5&openNow=1`,
        )
      ).json(),
    ).includes(name);
  // Far from the first suite's stations: 0.3° north.
  const spot = (m: number) => ({ lat: here.lat + 0.3 + m / 111_195, lng: here.lng });

  it('keeps several spans a day and answers open now between them, past midnight and on holidays', async () => {
    const st = await create(
      staff,
      body('分时站', spot(100), {
        hours: {
          ...split,
          weekly: [
            ...split.weekly.slice(0, 5),
            [
              { open: '09:00', close: '12:00' },
              { open: '18:00', close: '02:00' },
            ],
            [],
          ],
          holidays: [
            { from: '2026-12-24', to: '2026-12-24', spans: [{ open: '09:00', close: '15:00' }], note: '平安夜' },
            { from: '2026-12-25', to: '2026-12-27', spans: [], note: '检修' },
          ],
        },
      }),
    );
    expect(st.hours.weekly[0]).toEqual([
      { open: '07:00', close: '11:30' },
      { open: '13:30', close: '22:00' },
    ]);
    expect(st.hours.holidays).toHaveLength(2);
    const cases: [string, boolean][] = [
      ['2026-12-07T06:59', false], // Monday, before the first span
      ['2026-12-07T08:00', true],
      ['2026-12-07T12:30', false], // the lunch break
      ['2026-12-07T13:30', true],
      ['2026-12-07T22:00', false],
      ['2026-12-12T19:00', true], // Saturday evening, running past midnight
      ['2026-12-13T01:30', true], // … into Sunday, itself closed
      ['2026-12-13T02:00', false],
      ['2026-12-13T10:00', false],
      // (Dates within the sessions' lifetime.) A one-day exception with its own span, a Thursday:
      ['2026-12-24T08:00', false],
      ['2026-12-24T14:00', true],
      ['2026-12-24T16:00', false],
      // Closed Friday to Sunday: Saturday's evening span is replaced, not run; Monday as every week.
      ['2026-12-25T10:00', false],
      ['2026-12-26T19:00', false],
      ['2026-12-27T01:00', false],
      ['2026-12-28T10:00', true],
    ];
    for (const [when, open] of cases) {
      await travel(when);
      expect(await nearbyOpen('分时站'), when).toBe(open);
    }
    // The ledger's own open-now agrees.
    await travel('2026-12-07T12:30');
    expect((await call(t.app, staff, 'GET', `/api/stations/${st.id}`)).json<StationView>().openNow).toBe(false);
  });

  it('refuses hours out of the rules with the field and a Chinese message, and changes nothing', async () => {
    const week = (day: { open: string; close: string }[]) => ({
      allDay: false,
      weekly: [day, ...Array.from({ length: 6 }, () => [])],
      holidays: [],
    });
    const bad: [unknown, Record<string, string>][] = [
      [
        week([
          { open: '07:00', close: '12:00' },
          { open: '11:30', close: '22:00' },
        ]),
        { 'hours.weekly.0.1': '时段须按先后排列、互不重叠；跨夜时段只能是当天最后一段' },
      ],
      [
        week([
          { open: '13:30', close: '22:00' },
          { open: '07:00', close: '11:30' },
        ]),
        { 'hours.weekly.0.1': '时段须按先后排列、互不重叠；跨夜时段只能是当天最后一段' },
      ],
      [
        week(['06', '08', '10', '12', '14'].map((h) => ({ open: `${h}:00`, close: `${h}:30` }))),
        { 'hours.weekly.0': '每天最多4个开放时段' },
      ],
      [week([{ open: '7:00', close: '11:30' }]), { 'hours.weekly.0.0.open': '格式不正确' }],
      [week([{ open: '09:00', close: '09:00' }]), { 'hours.weekly.0.0': '开门和关门时间不能相同' }],
      [
        {
          ...split,
          weekly: [[{ open: '18:00', close: '08:00' }], ...split.weekly.slice(1)],
        },
        { 'hours.weekly.0.0': '跨夜时段与次日第一个时段重叠' },
      ],
      [
        { ...split, holidays: [{ from: '2027-02-08', to: '2027-02-06', spans: [] }] },
        { 'hours.holidays.0.to': '结束日期不能早于开始日期，一段安排最长31天' },
      ],
      [
        {
          ...split,
          holidays: [
            { from: '2027-02-05', to: '2027-02-08', spans: [] },
            { from: '2027-02-08', to: '2027-02-09', spans: [] },
          ],
        },
        { 'hours.holidays.1.from': '与另一条节假日安排的日期重叠' },
      ],
    ];
    const st = (await call(t.app, staff, 'GET', '/api/stations?q=分时站')).json<{ items: StationView[] }>().items[0]!;
    for (const [hours, fields] of bad) {
      const r = await call(t.app, staff, 'POST', '/api/stations', body('坏时间站', spot(300), { hours }));
      expect([r.statusCode, r.json().code], JSON.stringify(hours)).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.json().fields).toEqual(fields);
      const up = await call(t.app, staff, 'PATCH', `/api/stations/${st.id}/upkeep`, {
        hours,
        amenities: st.amenities,
        version: st.version,
      });
      expect(up.statusCode).toBe(400);
    }
    expect((await call(t.app, staff, 'GET', '/api/stations?q=坏时间站&withTotal=1')).json().total).toBe(0);
    expect((await call(t.app, staff, 'GET', `/api/stations/${st.id}`)).json<StationView>().version).toBe(st.version);
    // A close of 00:00 (a time input's midnight) is stored as 24:00.
    const midnight = await create(staff, body('午夜站', spot(400), { hours: everyDay('18:00', '00:00') }));
    expect(midnight.hours.weekly[0]).toEqual([{ open: '18:00', close: '24:00' }]);
  });

  it('names a manager holding the station-manager role in scope and a live host organisation in scope', async () => {
    const admin = await login(t.app, 'admin');
    const mk = async (username: string, role: string, orgId: string) => {
      const r = await call(t.app, admin, 'POST', '/api/users', {
        username,
        displayName: username,
        password: 'Touyan@2025',
        roles: [{ role, orgId }],
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ id: string; version: number }>();
    };
    const mgrA2 = await mk('a_station_mgr2', 'station_manager', w.a.dept.id);
    const mgrB = await mk('b_station_mgr', 'station_manager', w.b.dept.id);
    const st = await create(staff, body('站长站', spot(600), { managerUserId: mgrA2.id, hostOrgId: w.a.hostOrg.id }));
    expect(st).toMatchObject({ managerName: 'a_station_mgr2', hostOrgName: w.a.hostOrg.name });
    const edit = async (patch: Record<string, unknown>) => {
      const cur = (await call(t.app, staff, 'GET', `/api/stations/${st.id}`)).json<StationView>();
      return call(t.app, staff, 'PATCH', `/api/stations/${st.id}`, {
        ...body('站长站', spot(600)),
        managerUserId: cur.managerUserId,
        hostOrgId: cur.hostOrgId,
        ...patch,
        version: cur.version,
      });
    };
    // In scope but not a station manager: 400 naming the field.
    const notManager = await edit({ managerUserId: w.users.specialist.id });
    expect([notManager.statusCode, notManager.json().fields]).toEqual([
      400,
      { managerUserId: '站长须为本辖区内持有“驿家站长”角色的在用账号' },
    ]);
    // Another county's station manager, another county's host organisation: not found.
    const otherMgr = await edit({ managerUserId: mgrB.id });
    expect([otherMgr.statusCode, otherMgr.json().fields]).toEqual([404, { managerUserId: '所选记录不存在或无权查看' }]);
    const otherOrg = await edit({ hostOrgId: w.b.hostOrg.id });
    expect([otherOrg.statusCode, otherOrg.json().fields]).toEqual([404, { hostOrgId: '所选记录不存在或无权查看' }]);
    // The specialist as manager is named in the audit of nothing: the station is unchanged.
    expect((await call(t.app, staff, 'GET', `/api/stations/${st.id}`)).json<StationView>()).toMatchObject({
      managerUserId: mgrA2.id,
      version: st.version,
    });
    // The county's own station manager (the world's) replaces them; then clearing both is allowed.
    const ok = await edit({ managerUserId: w.users.station_manager.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ managerName: w.users.station_manager.displayName });
    // A disabled account is no manager to name…
    const dis = await call(t.app, admin, 'PATCH', `/api/users/${mgrA2.id}`, {
      displayName: 'a_station_mgr2',
      disabled: true,
      version: mgrA2.version,
    });
    expect(dis.statusCode, dis.body).toBe(200);
    const disabled = await edit({ managerUserId: mgrA2.id });
    expect([disabled.statusCode, disabled.json().fields]).toEqual([
      400,
      { managerUserId: '站长须为本辖区内持有“驿家站长”角色的在用账号' },
    ]);
    // … a deleted host organisation no host (the reference check refuses it first).
    await sql`update host_orgs set deleted_at = ${new Date().toISOString()} where id = ${w.a.hostOrg.id}`.execute(
      t.database.db,
    );
    try {
      const gone = await create(staff, { ...body('无主站', spot(700)), hostOrgId: null });
      expect(gone.hostOrgId).toBeNull();
      const deleted = await call(t.app, staff, 'POST', '/api/stations', {
        ...body('删除单位站', spot(800)),
        hostOrgId: w.a.hostOrg.id,
      });
      expect([deleted.statusCode, deleted.json().fields]).toEqual([404, { hostOrgId: '所选记录不存在或无权查看' }]);
    } finally {
      await sql`update host_orgs set deleted_at = null where id = ${w.a.hostOrg.id}`.execute(t.database.db);
    }
    const cleared = await edit({ managerUserId: null, hostOrgId: null });
    expect(cleared.json()).toMatchObject({ managerUserId: null, hostOrgId: null, managerName: null });
  });

  it('keeps a manager who later lost the role when the ledger is saved without changing them', async () => {
    const admin = await login(t.app, 'admin');
    const r = await call(t.app, admin, 'POST', '/api/users', {
      username: 'a_station_mgr3',
      displayName: '老站长',
      password: 'Touyan@2025',
      roles: [{ role: 'station_manager', orgId: w.a.dept.id }],
    });
    const mgr = r.json<{ id: string; version: number }>();
    const st = await create(staff, body('老站长站', spot(900), { managerUserId: mgr.id }));
    await call(t.app, admin, 'PATCH', `/api/users/${mgr.id}`, {
      displayName: '老站长',
      disabled: true,
      version: mgr.version,
    });
    const renamed = await call(t.app, staff, 'PATCH', `/api/stations/${st.id}`, {
      ...body('老站长站（改名）', spot(900)),
      managerUserId: mgr.id,
      version: st.version,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '老站长站（改名）', managerName: '老站长' });
  });

  it('migrates hours stored in the one-span shape of 0021 (migration 0025)', async () => {
    const st = await create(staff, body('旧数据站', spot(1000)));
    const old = {
      allDay: false,
      weekly: [
        { open: '08:00', close: '20:00' },
        { open: '18:00', close: '02:00' },
        null,
        { open: '00:00', close: '00:00' },
        { open: '09:00', close: '24:00' },
        { open: '09:00', close: '17:00' },
        { open: '09:00', close: '17:00' },
      ],
      holidays: [
        { date: '2027-02-06', open: null, close: null, note: '春节' },
        { date: '2027-02-05', open: '09:00', close: '15:00', note: null },
      ],
    };
    await sql`update stations set hours = ${JSON.stringify(old)} where id = ${st.id}`.execute(t.database.db);
    const raw = t.database.db.withoutPlugins() as never;
    await MIGRATIONS['0025_station_hours_spans']!.up(raw, { dialect: t.database.dialect });
    const got = (await call(t.app, staff, 'GET', `/api/stations/${st.id}`)).json<StationView>();
    expect(got.hours).toEqual({
      allDay: false,
      weekly: [
        [{ open: '08:00', close: '20:00' }],
        [{ open: '18:00', close: '02:00' }],
        [],
        [{ open: '00:00', close: '24:00' }],
        [{ open: '09:00', close: '24:00' }],
        [{ open: '09:00', close: '17:00' }],
        [{ open: '09:00', close: '17:00' }],
      ],
      holidays: [
        { from: '2027-02-06', to: '2027-02-06', spans: [], note: '春节' },
        { from: '2027-02-05', to: '2027-02-05', spans: [{ open: '09:00', close: '15:00' }], note: null },
      ],
    });
    // Rows already in the new shape are left as they are (running it again changes nothing).
    await MIGRATIONS['0025_station_hours_spans']!.up(raw, { dialect: t.database.dialect });
    expect((await call(t.app, staff, 'GET', `/api/stations/${st.id}`)).json<StationView>().hours).toEqual(got.hours);
    expect(got.version).toBe(st.version);
  });
});
