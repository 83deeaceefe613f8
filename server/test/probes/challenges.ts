import { expect } from 'vitest';
import { challengeInput, createChallenge } from '../../src/seed/challenge-factories';
import { createDemand } from '../../src/seed/demand-factories';
import { createCampaign } from '../../src/seed/factories';
import type { Fixtures, ProbeModule } from './types';
import { ids, STAFF } from './types';

/** Who reads the board (challenge.read): whoever sees the campaign it hangs on. */
const READERS = ['admin', 'staff', 'secretary', 'member'] as const;

const campaignOf = (f: Fixtures, county: 'a' | 'b') => (county === 'a' ? f.extra.chCampaignA! : f.extra.chCampaignB!);
const regionOf = (county: 'a' | 'b') => (county === 'a' ? '210603' : '210602');

const challengeIn = (f: Fixtures, county: 'a' | 'b') =>
  createChallenge(f.t.services, f.t.admin, {
    campaignId: campaignOf(f, county),
    regionCode: regionOf(county),
    title: `矩阵难题${f.seq()}`,
  });

/** A fresh open challenge for each claim, named for 振兴区"两新"工委 (county A's secretary's own). */
async function claimReq(f: Fixtures, county: 'a' | 'b') {
  const c = await challengeIn(f, county);
  return {
    method: 'POST' as const,
    url: `/api/challenges/${c.id}/claim`,
    payload: { orgId: f.w.a.committee.id, version: c.version },
  };
}

/** A fresh open demand of the county's firm (routes are set up by the demands probes). */
const demandOf = async (f: Fixtures, county: 'a' | 'b') =>
  (
    await createDemand(f.t.services, f.t.admin, {
      hostOrgId: county === 'a' ? f.w.a.hostOrg.id : f.w.b.hostOrg.id,
      title: `矩阵揭榜诉求${f.seq()}`,
    })
  ).id;

const fromDemandsReq = async (f: Fixtures, county: 'a' | 'b') => ({
  method: 'POST' as const,
  url: '/api/challenges/from-demands',
  payload: {
    ...challengeInput({ campaignId: campaignOf(f, county), regionCode: regionOf(county) }),
    demandIds: [await demandOf(f, county)],
  },
});

const attachReq = async (f: Fixtures, county: 'a' | 'b') => {
  const c = await challengeIn(f, county);
  return {
    method: 'POST' as const,
    url: `/api/challenges/${c.id}/demands`,
    payload: { demandIds: [await demandOf(f, county)], version: c.version },
  };
};

/** The boards of a county-A campaign and a county-B campaign (each seen by its own county only). */
export const challengesProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    f.extra.chCampaignA = (await createCampaign(s, f.t.admin, { orgId: f.w.a.dept.id, name: '振兴区揭榜活动' })).id;
    f.extra.chCampaignB = (await createCampaign(s, f.t.admin, { orgId: f.w.b.dept.id, name: '元宝区揭榜活动' })).id;
    f.extra.challengeA = (await challengeIn(f, 'a')).id;
    f.extra.challengeB = (await challengeIn(f, 'b')).id;
    f.extra.chCampaignCity = (await createCampaign(s, f.t.admin, { orgId: f.w.city.id, name: '丹东市揭榜活动' })).id;
    f.extra.challengeCity = (
      await createChallenge(s, f.t.admin, {
        campaignId: f.extra.chCampaignCity,
        title: '市级矩阵难题',
      })
    ).id;
  },
  probes: {
    'GET /api/challenges': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/challenges?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.challengeA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.challengeB);
      },
    },
    'GET /api/challenges/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/challenges/${f.extra.challengeA}` }),
      out: (f) => ({ method: 'GET', url: `/api/challenges/${f.extra.challengeB}` }),
    },
    'POST /api/challenges': {
      allow: STAFF,
      in: (f) => ({
        method: 'POST',
        url: '/api/challenges',
        payload: challengeInput({ campaignId: campaignOf(f, 'a'), regionCode: regionOf('a') }),
      }),
      out: (f) => ({
        method: 'POST',
        url: '/api/challenges',
        payload: challengeInput({ campaignId: campaignOf(f, 'b'), regionCode: regionOf('b') }),
      }),
    },
    'PATCH /api/challenges/:id': {
      allow: STAFF,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/challenges/${f.extra.challengeA}`,
        payload: {
          ...challengeInput({ campaignId: campaignOf(f, 'a'), regionCode: regionOf('a') }),
          version: await f.version('challenges', f.extra.challengeA!),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/challenges/${f.extra.challengeB}`,
        payload: {
          ...challengeInput({ campaignId: campaignOf(f, 'b'), regionCode: regionOf('b') }),
          version: await f.version('challenges', f.extra.challengeB!),
        },
      }),
    },
    'PATCH /api/challenges/:id [on the city’s campaign]': {
      // County A's staff read the city's board but do not write it: 403, not 404.
      allow: ['admin'],
      reads: STAFF,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/challenges/${f.extra.challengeCity}`,
        payload: {
          ...challengeInput({ campaignId: f.extra.chCampaignCity! }),
          version: await f.version('challenges', f.extra.challengeCity!),
        },
      }),
    },
    'POST /api/challenges/from-demands': {
      allow: STAFF,
      in: (f) => fromDemandsReq(f, 'a'),
      out: (f) => fromDemandsReq(f, 'b'),
    },
    'POST /api/challenges/:id/demands': {
      allow: STAFF,
      in: (f) => attachReq(f, 'a'),
      out: (f) => attachReq(f, 'b'),
    },
    'POST /api/challenges/:id/claim': {
      allow: ['secretary'],
      // The administrator holds every permission but is no secretary: claiming is refused everywhere.
      statusFor: { admin: { in: 403, out: 403 } },
      in: (f) => claimReq(f, 'a'),
      out: (f) => claimReq(f, 'b'),
    },
  },
};
