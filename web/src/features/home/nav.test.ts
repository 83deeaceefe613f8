import { describe, expect, it } from 'vitest';
import { ROLE_CODES, ROLE_PERMISSIONS, type Role } from '@touyan/schemas';
import { LATER_ROLES, menuFor } from './nav';

const menuOf = (role: Role) => menuFor(new Set(ROLE_PERMISSIONS[role]), new Set([role])).map((n) => n.path);

describe('the side menu shows each role only what it can work with', () => {
  it('gives every role exactly its entries', () => {
    const menus = Object.fromEntries(ROLE_CODES.map((r) => [r, menuOf(r)]));
    expect(menus).toEqual({
      admin: [
        '/',
        '/dashboards',
        '/regions',
        '/party-orgs',
        '/host-orgs',
        '/host-orgs/coverage',
        '/campaigns',
        '/challenges',
        '/projects',
        '/reviews',
        '/quarterly',
        '/contests',
        '/assessments',
        '/visits',
        '/demands',
        '/workers',
        '/passes',
        '/stations/ledger',
        '/gigs/jobs',
        '/gigs/fairs',
        '/gigs/pushes',
        '/gigs/intentions',
        '/disputes',
        '/disputes/consultations',
        '/users',
        '/audit',
        '/admin/jobs',
      ],
      staff: [
        '/',
        '/dashboards',
        '/regions',
        '/party-orgs',
        '/host-orgs',
        '/host-orgs/coverage',
        '/campaigns',
        '/challenges',
        '/projects',
        '/reviews',
        '/quarterly',
        '/contests',
        '/assessments',
        '/visits',
        '/demands',
        '/workers',
        '/passes',
        '/stations/ledger',
        '/gigs/jobs',
        '/gigs/fairs',
        '/gigs/pushes',
        '/gigs/intentions',
        '/disputes',
        '/disputes/consultations',
        '/users',
        '/audit',
      ],
      secretary: [
        '/',
        '/party-orgs',
        '/host-orgs',
        '/host-orgs/coverage',
        '/campaigns',
        '/challenges',
        '/projects',
        '/assessments',
      ],
      member: ['/', '/party-orgs', '/host-orgs', '/host-orgs/coverage', '/campaigns', '/challenges', '/projects'],
      judge: ['/', '/judge', '/campaigns', '/projects', '/reviews', '/contests'],
      specialist: ['/', '/field', '/host-orgs', '/demands'],
      handler: ['/', '/host-orgs', '/demands'],
      contact: ['/', '/host-orgs', '/demands'],
      employer: ['/', '/host-orgs', '/gigs/jobs', '/gigs/fairs', '/gigs/intentions'],
      worker: ['/', '/worker', '/rider', '/stations', '/gigs'],
      guard: ['/', '/guard'],
      station_manager: ['/', '/worker', '/workers', '/station'],
      mediator: ['/', '/mediator', '/disputes', '/disputes/consultations'],
    });
  });

  it('never offers region maintenance, users or the audit log outside staff and the administrator', () => {
    for (const role of ROLE_CODES.filter((r) => r !== 'admin' && r !== 'staff')) {
      expect(menuOf(role), role).not.toContain('/regions');
      expect(menuOf(role), role).not.toContain('/users');
      expect(menuOf(role), role).not.toContain('/audit');
    }
  });

  it('offers the background jobs to the system administrator alone', () => {
    expect(ROLE_CODES.filter((r) => menuOf(r).includes('/admin/jobs'))).toEqual(['admin']);
  });

  it('offers the judge page to judges only (staff reach a panel through the contest)', () => {
    expect(ROLE_CODES.filter((r) => menuOf(r).includes('/judge'))).toEqual(['judge']);
  });

  it('lists the later-service roles, none of which has project work', () => {
    for (const role of LATER_ROLES)
      expect(
        menuOf(role).filter((p) => p !== '/' && p !== '/host-orgs' && p !== '/demands' && p !== '/stations'),
        role,
      ).toEqual([]);
  });
});
