import { expect } from 'vitest';
import type { Role } from '@touyan/schemas';
import { call, login } from '../harness';
import { createUser } from '../../src/seed/factories';
import { verifiedWorkerFor } from '../station-fixtures';
import { ids, STAFF, type Fixtures, type ProbeModule } from './types';

const READERS: Role[] = ['admin', 'staff', 'worker', 'station_manager'];
const KEEPERS: Role[] = ['admin', 'staff', 'station_manager'];

const stationBody = (f: Fixtures, county: 'a' | 'b') => ({
  name: county === 'a' ? '振兴区驿家' : '元宝区驿家',
  address: county === 'a' ? '振兴区六纬路1号' : '元宝区金山大街1号',
  regionCode: county === 'a' ? '210603' : '210602',
  lat: county === 'a' ? 40.1 : 40.14,
  lng: 124.37,
  hours: {
    allDay: false,
    weekly: Array.from({ length: 7 }, () => [
      { open: '07:00', close: '11:30' },
      { open: '13:30', close: '22:00' },
    ]),
    holidays: [{ from: '2027-02-06', to: '2027-02-08', spans: [], note: '春节' }],
  },
  amenities: ['rest', 'water', 'charging'],
  openedOn: '2025-06-01',
  ...(county === 'a' ? { managerUserId: f.w.users.station_manager.id, hostOrgId: f.w.a.hostOrg.id } : {}),
});

async function station(f: Fixtures, county: 'a' | 'b'): Promise<string> {
  const r = await call(f.t.app, f.sessions.get('admin')!, 'POST', '/api/stations', stationBody(f, county));
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ id: string }>().id;
}

const codeOf = async (f: Fixtures, id: string): Promise<string> =>
  (await call(f.t.app, f.sessions.get('admin')!, 'GET', `/api/stations/${id}/code`)).json<{ code: string }>().code;

const edit = async (f: Fixtures, county: 'a' | 'b') => {
  const id = county === 'a' ? f.extra.stA! : f.extra.stB!;
  return {
    method: 'PATCH' as const,
    url: `/api/stations/${id}`,
    payload: { ...stationBody(f, county), version: await f.version('stations', id) },
  };
};
const upkeep = async (f: Fixtures, county: 'a' | 'b') => {
  const id = county === 'a' ? f.extra.stA! : f.extra.stB!;
  return {
    method: 'PATCH' as const,
    url: `/api/stations/${id}/upkeep`,
    payload: {
      hours: stationBody(f, county).hours,
      amenities: ['rest', 'water'],
      version: await f.version('stations', id),
    },
  };
};

/** Roles holding station.read with no verified worker registration: the check-in refuses them (403). */
const NOT_WORKERS = { admin: { in: 403 }, staff: { in: 403 }, station_manager: { in: 403 }, worker: { in: 403 } };

export const stationsProbes: ProbeModule = {
  setup: async (f) => {
    f.extra.stA = await station(f, 'a');
    f.extra.stB = await station(f, 'b');
    // A rider of county A with a verified registration (the matrix's own worker account stays
    // pending for the workers' probes, so no role of the matrix checks in).
    const rider = await createUser(f.t.services, f.t.admin, {
      username: 'a_station_rider',
      roles: [{ role: 'worker', orgId: f.w.a.dept.id }],
    });
    await verifiedWorkerFor(f.t, rider.id);
    const r = await call(f.t.app, await login(f.t.app, 'a_station_rider'), 'POST', '/api/station-check-ins', {
      code: await codeOf(f, f.extra.stA),
    });
    expect(r.statusCode, r.body).toBe(200);
    f.extra.stCheckIn = r.json<{ id: string }>().id;
  },
  probes: {
    'GET /api/stations': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/stations?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.stA);
        // Workers find every station (a public directory); staff their region, a manager their own.
        if (role === 'staff' || role === 'station_manager') expect(ids(body)).not.toContain(f.extra.stB);
        else expect(ids(body)).toContain(f.extra.stB);
      },
    },
    'GET /api/stations/export.xlsx': {
      allow: STAFF,
      binary: true,
      in: () => ({ method: 'GET', url: '/api/stations/export.xlsx' }),
    },
    'GET /api/stations/nearby': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/stations/nearby?lat=40.1&lng=124.37&radiusKm=10' }),
      check: (body, f) => {
        expect(ids(body)).toEqual([f.extra.stA, f.extra.stB]);
      },
    },
    'GET /api/stations/usage': {
      allow: KEEPERS,
      in: (f) => ({ method: 'GET', url: `/api/stations/usage?from=2020-01-01&to=2030-12-31&stationId=${f.extra.stA}` }),
      out: (f) => ({
        method: 'GET',
        url: `/api/stations/usage?from=2020-01-01&to=2030-12-31&stationId=${f.extra.stB}`,
      }),
    },
    'POST /api/stations': {
      allow: STAFF,
      in: (f) => ({ method: 'POST', url: '/api/stations', payload: stationBody(f, 'a') }),
      out: (f) => ({ method: 'POST', url: '/api/stations', payload: stationBody(f, 'b') }),
    },
    'GET /api/stations/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/stations/${f.extra.stA}` }),
      out: (f) => ({ method: 'GET', url: `/api/stations/${f.extra.stB}` }),
      statusFor: { worker: { out: 200 } },
    },
    'PATCH /api/stations/:id': {
      allow: STAFF,
      in: (f) => edit(f, 'a'),
      out: (f) => edit(f, 'b'),
    },
    'PATCH /api/stations/:id/upkeep': {
      allow: KEEPERS,
      in: (f) => upkeep(f, 'a'),
      out: (f) => upkeep(f, 'b'),
    },
    'GET /api/stations/:id/code': {
      allow: KEEPERS,
      in: (f) => ({ method: 'GET', url: `/api/stations/${f.extra.stA}/code` }),
      out: (f) => ({ method: 'GET', url: `/api/stations/${f.extra.stB}/code` }),
    },
    'POST /api/stations/:id/code': {
      allow: KEEPERS,
      in: (f) => ({ method: 'POST', url: `/api/stations/${f.extra.stA}/code` }),
      out: (f) => ({ method: 'POST', url: `/api/stations/${f.extra.stB}/code` }),
    },
    'GET /api/stations/:id/check-ins': {
      allow: KEEPERS,
      in: (f) => ({ method: 'GET', url: `/api/stations/${f.extra.stA}/check-ins` }),
      out: (f) => ({ method: 'GET', url: `/api/stations/${f.extra.stB}/check-ins` }),
      check: (body, f) => expect(ids(body)).toContain(f.extra.stCheckIn),
    },
    'POST /api/station-check-ins': {
      // Only a worker with a verified registration checks in (stations.test.ts); the matrix's worker is pending.
      allow: [],
      statusFor: NOT_WORKERS,
      in: async (f) => ({
        method: 'POST',
        url: '/api/station-check-ins',
        payload: { code: await codeOf(f, f.extra.stA!) },
      }),
    },
    'POST /api/station-check-ins/:id/rating': {
      // The rider's own check-in (stations.test.ts); anyone else's is not found.
      allow: [],
      in: (f) => ({
        method: 'POST',
        url: `/api/station-check-ins/${f.extra.stCheckIn}/rating`,
        payload: { rating: 4, comment: '充电方便' },
      }),
    },
  },
};
