import { expect } from 'vitest';
import type { DashboardView } from '@touyan/schemas';
import { STAFF, type ProbeModule } from './types';

/**
 * 监管驾驶舱: staff of county A see county A only (its region; no county to drill into); county B's
 * region answers 404 to them and 200 to the administrator. The figures themselves are held to their
 * lists in server/test/dashboards.test.ts.
 */
export const dashboardsProbes: ProbeModule = {
  probes: {
    'GET /api/dashboards/overview': {
      allow: STAFF,
      in: () => ({ method: 'GET', url: '/api/dashboards/overview?region=210603&period=year' }),
      out: () => ({ method: 'GET', url: '/api/dashboards/overview?region=210602&period=year' }),
      statusFor: { admin: { out: 200 } },
      check: (body) => {
        const d = body as DashboardView;
        expect(d.area.regionCode).toBe('210603');
        expect(d.areas).toEqual([]);
        expect(d.panels.map((p) => p.key)).toContain('projects');
      },
    },
    'GET /api/dashboards/overview/export.xlsx': {
      allow: STAFF,
      binary: true,
      in: () => ({
        method: 'GET',
        url: '/api/dashboards/overview/export.xlsx?region=210603&period=year&panel=projects',
      }),
      out: () => ({ method: 'GET', url: '/api/dashboards/overview/export.xlsx?region=210602&period=year' }),
      statusFor: { admin: { out: 200 } },
    },
  },
};
