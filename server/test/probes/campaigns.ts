import { expect } from 'vitest';
import { campaignInput, createCampaign } from '../../src/seed/factories';
import type { Fixtures, ProbeModule } from './types';
import { ids, STAFF } from './types';

/** Who reads campaigns (campaign.read); the scope is the owning 社工部 node's ancestors and subtree. */
const READERS = ['admin', 'staff', 'secretary', 'member', 'judge'] as const;

const orgOf = (f: Fixtures, county: 'a' | 'b' | 'city') =>
  county === 'city' ? f.w.city.id : county === 'a' ? f.w.a.dept.id : f.w.b.dept.id;

const campaignIn = (f: Fixtures, county: 'a' | 'b' | 'city', publish: boolean) =>
  createCampaign(f.t.services, f.t.admin, { orgId: orgOf(f, county), name: `矩阵活动${f.seq()}` }, publish);

/**
 * The city's campaign: county A's staff read it (it is above their node) but do not write it, so
 * each write answers them 403, not 404 (only the administrator writes it).
 */
const CITY = { allow: ['admin'], reads: STAFF } as const;

const lifecycle = (event: 'publish' | 'close') => async (f: Fixtures, county: 'a' | 'b' | 'city') => {
  const c = await campaignIn(f, county, event === 'close');
  return { method: 'POST' as const, url: `/api/campaigns/${c.id}/${event}`, payload: { version: c.version } };
};

/** Campaigns owned by county A's 社工部 against campaigns owned by county B's. */
export const campaignsProbes: ProbeModule = {
  setup: async (f) => {
    f.extra.cpCampaignA = (await campaignIn(f, 'a', true)).id;
    f.extra.cpCampaignB = (await campaignIn(f, 'b', true)).id;
    f.extra.cpCampaignCity = (await campaignIn(f, 'city', true)).id;
  },
  probes: {
    'GET /api/campaigns': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/campaigns?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.cpCampaignA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.cpCampaignB);
      },
    },
    'GET /api/campaigns/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/campaigns/${f.extra.cpCampaignA}` }),
      out: (f) => ({ method: 'GET', url: `/api/campaigns/${f.extra.cpCampaignB}` }),
    },
    'POST /api/campaigns': {
      allow: STAFF,
      in: (f) => ({ method: 'POST', url: '/api/campaigns', payload: campaignInput({ orgId: f.w.a.dept.id }) }),
      out: (f) => ({ method: 'POST', url: '/api/campaigns', payload: campaignInput({ orgId: f.w.b.dept.id }) }),
    },
    'PATCH /api/campaigns/:id': {
      allow: STAFF,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/campaigns/${f.extra.cpCampaignA}`,
        payload: {
          ...campaignInput({ orgId: f.w.a.dept.id }),
          version: await f.version('campaigns', f.extra.cpCampaignA!),
        },
      }),
      out: async (f) => ({
        method: 'PATCH',
        url: `/api/campaigns/${f.extra.cpCampaignB}`,
        payload: {
          ...campaignInput({ orgId: f.w.b.dept.id }),
          version: await f.version('campaigns', f.extra.cpCampaignB!),
        },
      }),
    },
    'POST /api/campaigns/:id/publish': {
      allow: STAFF,
      in: (f) => lifecycle('publish')(f, 'a'),
      out: (f) => lifecycle('publish')(f, 'b'),
    },
    'POST /api/campaigns/:id/close': {
      allow: STAFF,
      in: (f) => lifecycle('close')(f, 'a'),
      out: (f) => lifecycle('close')(f, 'b'),
    },
    'PATCH /api/campaigns/:id [the city’s campaign]': {
      ...CITY,
      in: async (f) => ({
        method: 'PATCH',
        url: `/api/campaigns/${f.extra.cpCampaignCity}`,
        payload: {
          ...campaignInput({ orgId: f.w.city.id }),
          version: await f.version('campaigns', f.extra.cpCampaignCity!),
        },
      }),
    },
    'POST /api/campaigns/:id/publish [the city’s campaign]': { ...CITY, in: (f) => lifecycle('publish')(f, 'city') },
    'POST /api/campaigns/:id/close [the city’s campaign]': { ...CITY, in: (f) => lifecycle('close')(f, 'city') },
  },
};
