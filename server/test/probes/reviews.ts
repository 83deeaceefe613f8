import { expect } from 'vitest';
import { meetingCreateBody } from '@touyan/schemas';
import {
  actorOf,
  contextFor,
  createCampaign,
  createUser,
  declarationInput,
  submitProject,
  validated,
} from '../../src/seed/factories';
import { Rng } from '../../src/seed/random';
import type { Fixtures, ProbeModule, Req } from './types';
import { ids } from './types';

/**
 * Review meetings. Each county runs its own campaign; county A's meeting has a_judge as chair and
 * a_staff and the administrator among its reviewers, county B's meeting only the administrator.
 * So in county A: staff manage, the judge chairs (decides, closes, exports), and everyone
 * assigned judges; nobody of county A reaches county B's meeting.
 */
const READERS = ['admin', 'staff', 'judge'] as const;
const MANAGERS = ['admin', 'staff'] as const;
const rng = new Rng(53);

type County = 'a' | 'b';

async function submitted(f: Fixtures, county: County): Promise<string> {
  const userId = county === 'a' ? f.w.users.secretary.id : f.extra.rvSecretaryB!;
  const ctx = contextFor(await actorOf(f.t.services, userId));
  const p = await submitProject(f.t.services, ctx, {
    campaignId: county === 'a' ? f.extra.rvCampaignA! : f.extra.rvCampaignB!,
    orgId: county === 'a' ? f.w.a.committee.id : f.w.b.committee.id,
    content: declarationInput(rng),
  });
  return p.id;
}

const people = (f: Fixtures, county: County) =>
  county === 'a'
    ? { chairUserId: f.w.users.judge.id, reviewerIds: [f.w.users.judge.id, f.w.users.staff.id] }
    : { chairUserId: f.w.users.admin.id, reviewerIds: [f.w.users.admin.id] };

const fields = (f: Fixtures, county: County, n: number) => ({
  title: `${county === 'a' ? '振兴区' : '元宝区'}研判会${n}`,
  meetingDate: '2025-06-18',
  place: '区委党校会议室',
  note: null,
  ...people(f, county),
});

/** A meeting made by the administrator through the service (optionally with one item on its agenda). */
async function meeting(f: Fixtures, county: County, withItem = false): Promise<{ id: string; itemId: string | null }> {
  const s = f.t.services;
  const campaignId = county === 'a' ? f.extra.rvCampaignA! : f.extra.rvCampaignB!;
  const m = await s.reviews.create(
    f.t.admin,
    validated(meetingCreateBody, { campaignId, ...fields(f, county, f.seq()) }),
  );
  if (!withItem) return { id: m.id, itemId: null };
  const withItems = await s.reviews.addItems(f.t.admin, m.id, { projectIds: [await submitted(f, county)] });
  return { id: m.id, itemId: withItems.items[0]!.id };
}

/** A fresh item on the county's standing meeting. */
async function freshItem(f: Fixtures, county: County): Promise<string> {
  const id = county === 'a' ? f.extra.rvMeetingA! : f.extra.rvMeetingB!;
  const m = await f.t.services.reviews.addItems(f.t.admin, id, { projectIds: [await submitted(f, county)] });
  return m.items[m.items.length - 1]!.id;
}

const meetingId = (f: Fixtures, county: County) => (county === 'a' ? f.extra.rvMeetingA! : f.extra.rvMeetingB!);
const itemId = (f: Fixtures, county: County) => (county === 'a' ? f.extra.rvItemA! : f.extra.rvItemB!);
const SCORES = { overall: 4, operable: 4, focus: 5, innovative: 3, measurable: 4 };

const patch = async (f: Fixtures, county: County): Promise<Req> => ({
  method: 'PATCH',
  url: `/api/review-meetings/${meetingId(f, county)}`,
  payload: {
    ...fields(f, county, 0),
    version: await f.version('review-meetings', meetingId(f, county)),
  },
});

const close = async (f: Fixtures, county: County): Promise<Req> => {
  const m = await meeting(f, county);
  return { method: 'POST', url: `/api/review-meetings/${m.id}/close`, payload: { version: 1 } };
};

export const reviewsProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    f.extra.rvCampaignA = (
      await createCampaign(s, f.t.admin, { orgId: f.w.a.dept.id, name: '振兴区书记项目（研判）', codePrefix: 'ZXR' })
    ).id;
    f.extra.rvCampaignB = (
      await createCampaign(s, f.t.admin, { orgId: f.w.b.dept.id, name: '元宝区书记项目（研判）', codePrefix: 'YBR' })
    ).id;
    f.extra.rvSecretaryB = (
      await createUser(s, f.t.admin, {
        username: 'rv_b_secretary',
        roles: [{ role: 'secretary', orgId: f.w.b.committee.id }],
      })
    ).id;
    const a = await meeting(f, 'a', true);
    const b = await meeting(f, 'b', true);
    f.extra.rvMeetingA = a.id;
    f.extra.rvItemA = a.itemId!;
    f.extra.rvMeetingB = b.id;
    f.extra.rvItemB = b.itemId!;
    const items = async (id: string) => (await s.reviews.get(f.t.admin, id)).items;
    f.extra.rvProjectA = (await items(a.id))[0]!.projectId;
    f.extra.rvProjectB = (await items(b.id))[0]!.projectId;
  },
  probes: {
    'GET /api/review-meetings': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/review-meetings?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.rvMeetingA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.rvMeetingB);
      },
    },
    'POST /api/review-meetings': {
      allow: MANAGERS,
      in: (f) => ({
        method: 'POST',
        url: '/api/review-meetings',
        payload: { campaignId: f.extra.rvCampaignA, ...fields(f, 'a', f.seq()) },
      }),
      out: (f) => ({
        method: 'POST',
        url: '/api/review-meetings',
        payload: { campaignId: f.extra.rvCampaignB, ...fields(f, 'b', f.seq()) },
      }),
    },
    'GET /api/review-meetings/by-project/:id': {
      allow: ['admin', 'staff', 'secretary', 'member', 'judge'],
      in: (f) => ({ method: 'GET', url: `/api/review-meetings/by-project/${f.extra.rvProjectA}` }),
      out: (f) => ({ method: 'GET', url: `/api/review-meetings/by-project/${f.extra.rvProjectB}` }),
      check: (body, f) =>
        expect((body as { items: { meetingId: string }[] }).items.map((i) => i.meetingId)).toContain(
          f.extra.rvMeetingA,
        ),
    },
    'GET /api/review-meetings/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/review-meetings/${f.extra.rvMeetingA}` }),
      out: (f) => ({ method: 'GET', url: `/api/review-meetings/${f.extra.rvMeetingB}` }),
    },
    'PATCH /api/review-meetings/:id': {
      allow: MANAGERS,
      in: (f) => patch(f, 'a'),
      out: (f) => patch(f, 'b'),
    },
    'POST /api/review-meetings/:id/items': {
      allow: MANAGERS,
      in: async (f) => ({
        method: 'POST',
        url: `/api/review-meetings/${meetingId(f, 'a')}/items`,
        payload: { projectIds: [await submitted(f, 'a')] },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/review-meetings/${meetingId(f, 'b')}/items`,
        payload: { projectIds: [await submitted(f, 'b')] },
      }),
    },
    'DELETE /api/review-meetings/:id/items/:itemId': {
      allow: MANAGERS,
      in: async (f) => ({
        method: 'DELETE',
        url: `/api/review-meetings/${meetingId(f, 'a')}/items/${await freshItem(f, 'a')}`,
      }),
      out: async (f) => ({
        method: 'DELETE',
        url: `/api/review-meetings/${meetingId(f, 'b')}/items/${await freshItem(f, 'b')}`,
      }),
    },
    'PUT /api/review-meetings/:id/items/:itemId/judgement': {
      // Everyone assigned to county A's meeting who may judge. County A's staff cannot seat the
      // system administrator (a user outside their scope) on it, so the administrator is not assigned.
      allow: READERS,
      statusFor: { admin: { in: 403 } },
      in: (f) => ({
        method: 'PUT',
        url: `/api/review-meetings/${meetingId(f, 'a')}/items/${itemId(f, 'a')}/judgement`,
        payload: { scores: SCORES, comment: '措施具体可行' },
      }),
      out: (f) => ({
        method: 'PUT',
        url: `/api/review-meetings/${meetingId(f, 'b')}/items/${itemId(f, 'b')}/judgement`,
        payload: { scores: SCORES, comment: '措施具体可行' },
      }),
    },
    'PUT /api/review-meetings/:id/items/:itemId/decision': {
      // Staff of the campaign and the chair (a_judge).
      allow: READERS,
      in: (f) => ({
        method: 'PUT',
        url: `/api/review-meetings/${meetingId(f, 'a')}/items/${itemId(f, 'a')}/decision`,
        payload: { decision: 'return', note: '请补充量化指标' },
      }),
      out: (f) => ({
        method: 'PUT',
        url: `/api/review-meetings/${meetingId(f, 'b')}/items/${itemId(f, 'b')}/decision`,
        payload: { decision: 'approve' },
      }),
    },
    'POST /api/review-meetings/:id/close': {
      allow: READERS,
      in: (f) => close(f, 'a'),
      out: (f) => close(f, 'b'),
    },
    'GET /api/review-meetings/:id/minutes.xlsx': {
      allow: READERS,
      binary: true,
      in: (f) => ({ method: 'GET', url: `/api/review-meetings/${meetingId(f, 'a')}/minutes.xlsx` }),
      out: (f) => ({ method: 'GET', url: `/api/review-meetings/${meetingId(f, 'b')}/minutes.xlsx` }),
      check: (body) => expect((body as Buffer).subarray(0, 2).toString()).toBe('PK'),
    },
  },
};
