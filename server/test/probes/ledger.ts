import { expect } from 'vitest';
import type { Role } from '@touyan/schemas';
import { HOST_READERS, STAFF, type Fixtures, type ProbeModule } from './types';

/** The host organisation's ledger (issue 11): coverage rates, 交叉任职, 亮身份党员, assignment history. */
const hostOf = (f: Fixtures, county: 'a' | 'b') => f.w[county].hostOrg.id;

const crossPost = (f: Fixtures) => ({
  personName: `交叉任职人${f.seq()}`,
  partyPost: '党支部书记',
  managementPost: '副总经理',
  since: '2024-03-01',
  until: null,
});
const partyMember = (f: Fixtures) => ({
  name: `亮身份党员${f.seq()}`,
  position: '车间主任',
  partyPost: null,
  shownSince: '2024-07-01',
  note: null,
});

async function newCrossPost(f: Fixtures, county: 'a' | 'b') {
  const v = await f.t.services.hostOrgs.createCrossPost(f.t.admin, hostOf(f, county), crossPost(f));
  return v.id;
}
async function newPartyMember(f: Fixtures, county: 'a' | 'b') {
  const v = await f.t.services.hostOrgs.createPartyMember(f.t.admin, hostOf(f, county), partyMember(f));
  return v.id;
}

export const ledgerProbes: ProbeModule = {
  setup: async (f) => {
    f.extra.crossPostA = await newCrossPost(f, 'a');
    f.extra.crossPostB = await newCrossPost(f, 'b');
    f.extra.partyMemberA = await newPartyMember(f, 'a');
    f.extra.partyMemberB = await newPartyMember(f, 'b');
  },
  probes: {
    'GET /api/host-orgs/coverage': {
      allow: HOST_READERS,
      in: () => ({ method: 'GET', url: '/api/host-orgs/coverage?groupBy=industry' }),
      check: (body, f, role: Role) => {
        const total = (body as { total: { total: number } }).total.total;
        if (role === 'admin' || role === 'staff') expect(total).toBeGreaterThan(0);
      },
    },
    'GET /api/host-orgs/:id/cross-posts': {
      allow: HOST_READERS,
      in: (f) => ({ method: 'GET', url: `/api/host-orgs/${hostOf(f, 'a')}/cross-posts` }),
      out: (f) => ({ method: 'GET', url: `/api/host-orgs/${hostOf(f, 'b')}/cross-posts` }),
    },
    'POST /api/host-orgs/:id/cross-posts': {
      allow: STAFF,
      reads: HOST_READERS,
      in: (f) => ({ method: 'POST', url: `/api/host-orgs/${hostOf(f, 'a')}/cross-posts`, payload: crossPost(f) }),
      out: (f) => ({ method: 'POST', url: `/api/host-orgs/${hostOf(f, 'b')}/cross-posts`, payload: crossPost(f) }),
    },
    'PATCH /api/host-orgs/:id/cross-posts/:itemId': {
      allow: STAFF,
      reads: HOST_READERS,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/host-orgs/${hostOf(f, 'a')}/cross-posts/${await newCrossPost(f, 'a')}`,
        payload: { ...crossPost(f), version: 1 },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/host-orgs/${hostOf(f, 'b')}/cross-posts/${await newCrossPost(f, 'b')}`,
        payload: { ...crossPost(f), version: 1 },
      }),
    },
    'DELETE /api/host-orgs/:id/cross-posts/:itemId': {
      allow: STAFF,
      reads: HOST_READERS,
      in: async (f) => ({
        method: 'DELETE',
        url: `/api/host-orgs/${hostOf(f, 'a')}/cross-posts/${await newCrossPost(f, 'a')}`,
      }),
      out: async (f) => ({
        method: 'DELETE',
        url: `/api/host-orgs/${hostOf(f, 'b')}/cross-posts/${await newCrossPost(f, 'b')}`,
      }),
    },
    'GET /api/host-orgs/:id/party-members': {
      allow: HOST_READERS,
      in: (f) => ({ method: 'GET', url: `/api/host-orgs/${hostOf(f, 'a')}/party-members` }),
      out: (f) => ({ method: 'GET', url: `/api/host-orgs/${hostOf(f, 'b')}/party-members` }),
    },
    'POST /api/host-orgs/:id/party-members': {
      allow: STAFF,
      reads: HOST_READERS,
      in: (f) => ({ method: 'POST', url: `/api/host-orgs/${hostOf(f, 'a')}/party-members`, payload: partyMember(f) }),
      out: (f) => ({ method: 'POST', url: `/api/host-orgs/${hostOf(f, 'b')}/party-members`, payload: partyMember(f) }),
    },
    'PATCH /api/host-orgs/:id/party-members/:itemId': {
      allow: STAFF,
      reads: HOST_READERS,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/host-orgs/${hostOf(f, 'a')}/party-members/${await newPartyMember(f, 'a')}`,
        payload: { ...partyMember(f), version: 1 },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/host-orgs/${hostOf(f, 'b')}/party-members/${await newPartyMember(f, 'b')}`,
        payload: { ...partyMember(f), version: 1 },
      }),
    },
    'DELETE /api/host-orgs/:id/party-members/:itemId': {
      allow: STAFF,
      reads: HOST_READERS,
      in: async (f) => ({
        method: 'DELETE',
        url: `/api/host-orgs/${hostOf(f, 'a')}/party-members/${await newPartyMember(f, 'a')}`,
      }),
      out: async (f) => ({
        method: 'DELETE',
        url: `/api/host-orgs/${hostOf(f, 'b')}/party-members/${await newPartyMember(f, 'b')}`,
      }),
    },
    'GET /api/host-orgs/:id/assignments': {
      allow: HOST_READERS,
      in: (f) => ({ method: 'GET', url: `/api/host-orgs/${hostOf(f, 'a')}/assignments` }),
      out: (f) => ({ method: 'GET', url: `/api/host-orgs/${hostOf(f, 'b')}/assignments` }),
    },
  },
};
