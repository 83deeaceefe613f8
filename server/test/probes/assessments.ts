import { expect } from 'vitest';
import {
  assessmentSchemeBody,
  contestCreateBody,
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_ASSESSMENT_MAPPING,
  DEFAULT_ASSESSMENT_THRESHOLDS,
  type ContestView,
} from '@touyan/schemas';
import { actorOf, contextFor, createCampaign, createUser, validated } from '../../src/seed/factories';
import { approvedProject } from './contests';
import type { Fixtures, ProbeModule, Req } from './types';
import { ids, STAFF } from './types';

/**
 * Annual assessments (年度考核). Each county's 社工部 has a draft scheme and a published one with a
 * sheet of its 两新工委 (county A's also one of 甲公司党支部), and a published contest of its own
 * campaign. Staff of county A manage county A's; the secretary of county A's 工委 reads only that
 * organisation's sheet of the published scheme; nobody of county A reaches county B's.
 */
const READERS = ['admin', 'staff', 'secretary'] as const;
type County = 'a' | 'b';
const x = (f: Fixtures, county: County, name: string) => f.extra[`as${county.toUpperCase()}${name}`]!;
const dept = (f: Fixtures, county: County) => (county === 'a' ? f.w.a.dept : f.w.b.dept);
const committee = (f: Fixtures, county: County) => (county === 'a' ? f.w.a.committee : f.w.b.committee);

async function scheme(f: Fixtures, county: County): Promise<string> {
  const s = await f.t.services.assessments.createScheme(
    f.t.admin,
    validated(assessmentSchemeBody, {
      orgId: dept(f, county).id,
      year: 2025,
      name: `考核方案${f.seq()}`,
      items: DEFAULT_ASSESSMENT_ITEMS,
      mapping: DEFAULT_ASSESSMENT_MAPPING,
      thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
    }),
  );
  return s.id;
}

async function sheet(f: Fixtures, county: County): Promise<string> {
  const id = await scheme(f, county);
  return (await f.t.services.assessments.createSheet(f.t.admin, id, committee(f, county).id)).id;
}

/** A published contest of one approved project of the county's own campaign. */
async function publishedContest(f: Fixtures, county: County, judgeId: string, secretaryId: string) {
  const s = f.t.services;
  const admin = f.t.admin;
  const campaignId = (
    await createCampaign(s, admin, {
      orgId: dept(f, county).id,
      name: `${county === 'a' ? '振兴区' : '元宝区'}书记项目（考核）`,
      codePrefix: county === 'a' ? 'ZXA' : 'YBA',
    })
  ).id;
  const projectId = await approvedProject(s, admin, contextFor(await actorOf(s, secretaryId)), {
    campaignId,
    orgId: committee(f, county).id,
  });
  const c = s.contests;
  let v: ContestView = await c.create(
    admin,
    validated(contestCreateBody, {
      campaignId,
      name: `考核比武${f.seq()}`,
      contestDate: '2025-12-20',
      venue: '市委党校礼堂',
      projectIds: [projectId],
      judgeIds: [judgeId],
    }),
  );
  const id = v.id;
  v = await c.draw(admin, id, { version: v.version, reason: null });
  v = await c.ready(admin, id, v.version);
  v = await c.start(admin, id, v.version);
  v = await c.next(admin, id, v.version);
  v = await c.close(admin, id, projectId, v.version);
  v = await c.next(admin, id, v.version);
  await c.override(admin, id, projectId, { score: 88, grade: 'fair', reason: '评审组定分' });
  v = await c.get(admin, id);
  await c.publish(admin, id, v.version);
  return id;
}

const both = (make: (f: Fixtures, county: County) => Promise<Req> | Req) => ({
  in: (f: Fixtures) => make(f, 'a'),
  out: (f: Fixtures) => make(f, 'b'),
});

export const assessmentsProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    const admin = f.t.admin;
    for (const county of ['a', 'b'] as const) {
      const K = county.toUpperCase();
      const judgeId =
        county === 'a'
          ? f.w.users.judge.id
          : (await createUser(s, admin, { username: 'as_b_judge', roles: [{ role: 'judge', orgId: dept(f, 'b').id }] }))
              .id;
      const secretaryId =
        county === 'a'
          ? f.w.users.secretary.id
          : (
              await createUser(s, admin, {
                username: 'as_b_secretary',
                roles: [{ role: 'secretary', orgId: committee(f, 'b').id }],
              })
            ).id;
      f.extra[`as${K}Contest`] = await publishedContest(f, county, judgeId, secretaryId);
      f.extra[`as${K}Draft`] = await scheme(f, county);
      const pub = await scheme(f, county);
      f.extra[`as${K}Published`] = pub;
      f.extra[`as${K}Sheet`] = (await s.assessments.createSheet(admin, pub, committee(f, county).id)).id;
      if (county === 'a') f.extra.asABranchSheet = (await s.assessments.createSheet(admin, pub, f.w.a.branch.id)).id;
      await s.assessments.setStatus(admin, pub, { status: 'published', version: 1 });
    }
  },
  probes: {
    'GET /api/assessment-schemes': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/assessment-schemes?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.asAPublished);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.asBPublished);
        if (role === 'secretary') expect(ids(body)).not.toContain(f.extra.asADraft);
      },
    },
    'POST /api/assessment-schemes': {
      allow: STAFF,
      ...both((f, county) => ({
        method: 'POST',
        url: '/api/assessment-schemes',
        payload: {
          orgId: dept(f, county).id,
          year: 2025,
          name: `考核方案${f.seq()}`,
          items: DEFAULT_ASSESSMENT_ITEMS,
          mapping: DEFAULT_ASSESSMENT_MAPPING,
          thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
        },
      })),
    },
    'GET /api/assessment-schemes/:id': {
      allow: READERS,
      ...both((f, county) => ({ method: 'GET', url: `/api/assessment-schemes/${x(f, county, 'Published')}` })),
    },
    'PATCH /api/assessment-schemes/:id': {
      allow: STAFF,
      ...both(async (f, county) => ({
        method: 'PATCH',
        url: `/api/assessment-schemes/${await scheme(f, county)}`,
        payload: {
          name: '改名方案',
          items: DEFAULT_ASSESSMENT_ITEMS,
          mapping: { mode: 'score', factor: 0.2 },
          thresholds: DEFAULT_ASSESSMENT_THRESHOLDS,
          version: 1,
        },
      })),
    },
    'POST /api/assessment-schemes/:id/status': {
      allow: STAFF,
      ...both(async (f, county) => ({
        method: 'POST',
        url: `/api/assessment-schemes/${await scheme(f, county)}/status`,
        payload: { status: 'published', version: 1 },
      })),
    },
    'POST /api/assessment-schemes/:id/fill-from-contest': {
      allow: STAFF,
      ...both((f, county) => ({
        method: 'POST',
        url: `/api/assessment-schemes/${x(f, county, 'Draft')}/fill-from-contest`,
        payload: { contestId: x(f, county, 'Contest') },
      })),
    },
    'GET /api/assessment-sheets': {
      allow: STAFF,
      in: (f) => ({ method: 'GET', url: `/api/assessment-sheets?year=2025&orgId=${f.w.a.dept.id}&limit=200` }),
      check: (body, f, role) => {
        // Published schemes only, the caller's own area only.
        expect(ids(body)).toEqual(expect.arrayContaining([f.extra.asASheet, f.extra.asABranchSheet]));
        expect(ids(body)).not.toContain(f.extra.asBSheet);
        if (role !== 'admin') expect(ids(body).length).toBe(2);
      },
    },
    'GET /api/assessment-schemes/:id/sheets': {
      allow: READERS,
      ...both((f, county) => ({ method: 'GET', url: `/api/assessment-schemes/${x(f, county, 'Published')}/sheets` })),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.asASheet);
        if (role === 'secretary') expect(ids(body)).not.toContain(f.extra.asABranchSheet);
        else expect(ids(body)).toContain(f.extra.asABranchSheet);
      },
    },
    'POST /api/assessment-schemes/:id/sheets': {
      allow: STAFF,
      ...both(async (f, county) => ({
        method: 'POST',
        url: `/api/assessment-schemes/${await scheme(f, county)}/sheets`,
        payload: { partyOrgId: committee(f, county).id },
      })),
    },
    'GET /api/assessment-schemes/:id/sheets.xlsx': {
      allow: STAFF,
      binary: true,
      ...both((f, county) => ({
        method: 'GET',
        url: `/api/assessment-schemes/${x(f, county, 'Published')}/sheets.xlsx`,
      })),
      check: (body) => expect((body as Buffer).subarray(0, 2).toString()).toBe('PK'),
    },
    'GET /api/assessment-sheets/:id': {
      allow: READERS,
      ...both((f, county) => ({ method: 'GET', url: `/api/assessment-sheets/${x(f, county, 'Sheet')}` })),
    },
    'PATCH /api/assessment-sheets/:id': {
      allow: STAFF,
      ...both(async (f, county) => ({
        method: 'PATCH',
        url: `/api/assessment-sheets/${await sheet(f, county)}`,
        payload: { values: { organisation: 22, team: 18 }, version: 1 },
      })),
    },
    'GET /api/assessment-sheets/:id/export.xlsx': {
      allow: READERS,
      binary: true,
      ...both((f, county) => ({ method: 'GET', url: `/api/assessment-sheets/${x(f, county, 'Sheet')}/export.xlsx` })),
      check: (body) => expect((body as Buffer).subarray(0, 2).toString()).toBe('PK'),
    },
  },
};
