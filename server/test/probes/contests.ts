import { expect } from 'vitest';
import { contestCreateBody, DEFAULT_RUBRIC, type ContestView } from '@touyan/schemas';
import type { RequestContext } from '../../src/core/actor';
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
import type { Services } from '../../src/services';
import type { Fixtures, ProbeModule, Req } from './types';
import { ids, STAFF } from './types';

/**
 * Contests (比武打擂). Each county runs its own campaign with approved projects; county A's
 * contests have a_judge (bound on county A's 社工部, so never excluded) on the panel, county B's
 * a judge of county B. Staff of county A manage county A's contests; a_judge reads them and scores;
 * nobody of county A reaches county B's.
 */
const READERS = ['admin', 'staff', 'judge'] as const;
const rng = new Rng(61);

type County = 'a' | 'b';

/** A declaration of the campaign, submitted, scheduled and approved (as the review meeting would). */
export async function approvedProject(
  s: Services,
  admin: RequestContext,
  secretary: RequestContext,
  input: { campaignId: string; orgId: string; title?: string },
  r: Rng = rng,
): Promise<string> {
  const p = await submitProject(s, secretary, {
    campaignId: input.campaignId,
    orgId: input.orgId,
    content: declarationInput(r, input.title ? { title: input.title } : {}),
  });
  await s.store.tx(async (repos) => {
    const row = await s.projects.row(repos, admin, p.id);
    await s.projects.transition(repos, admin, row, 'schedule', ['staff']);
    await s.projectDecisions.apply(repos, admin, p.id, 'approve', null);
  });
  return p.id;
}

const x = (f: Fixtures, county: County, name: string) => f.extra[`k${county.toUpperCase()}${name}`]!;

type Stage = 'draft' | 'drawn' | 'ready' | 'running' | 'presenting' | 'closed' | 'finished';
const STAGES: Stage[] = ['draft', 'drawn', 'ready', 'running', 'presenting', 'closed', 'finished'];

/** A contest of the county with one project, made by the administrator and taken to the stage. */
async function contest(
  f: Fixtures,
  county: County,
  stage: Stage,
): Promise<{ id: string; projectId: string; version: number }> {
  const s = f.t.services.contests;
  const admin = f.t.admin;
  const projectId = x(f, county, 'Project');
  let v: ContestView = await s.create(
    admin,
    validated(contestCreateBody, {
      campaignId: x(f, county, 'Campaign'),
      name: `比武${f.seq()}`,
      contestDate: '2025-12-20',
      venue: '市委党校礼堂',
      projectIds: [projectId],
      judgeIds: [x(f, county, 'Judge')],
    }),
  );
  const upTo = STAGES.indexOf(stage);
  const id = v.id;
  if (upTo >= 1) v = await s.draw(admin, id, { version: v.version, reason: null });
  if (upTo >= 2) v = await s.ready(admin, id, v.version);
  if (upTo >= 3) v = await s.start(admin, id, v.version);
  if (upTo >= 4) v = await s.next(admin, id, v.version);
  if (upTo >= 5) v = await s.close(admin, id, projectId, v.version);
  if (upTo >= 6) v = await s.next(admin, id, v.version);
  return { id, projectId, version: v.version };
}

const hostAction =
  (action: string, stage: Stage, withProject = false, payload: Record<string, unknown> = {}) =>
  async (f: Fixtures, county: County): Promise<Req> => {
    const c = await contest(f, county, stage);
    const url = withProject
      ? `/api/contests/${c.id}/projects/${c.projectId}/${action}`
      : `/api/contests/${c.id}/${action}`;
    return { method: 'POST', url, payload: { version: c.version, ...payload } };
  };

const both = (make: (f: Fixtures, county: County) => Promise<Req> | Req) => ({
  in: (f: Fixtures) => make(f, 'a'),
  out: (f: Fixtures) => make(f, 'b'),
});

async function template(f: Fixtures, county: County) {
  const t = await f.t.services.contests.createTemplate(f.t.admin, {
    orgId: county === 'a' ? f.w.a.dept.id : f.w.b.dept.id,
    name: `模板${f.seq()}`,
    rubric: DEFAULT_RUBRIC,
  });
  return t.id;
}

const SCORES = { topic_precision: 18, tackling_results: 35, demonstration: 16, presentation: 17 };
const NO_JUDGE_SEAT = { admin: { in: 404, out: 404 } };

export const contestsProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    const admin = f.t.admin;
    for (const county of ['a', 'b'] as const) {
      const dept = county === 'a' ? f.w.a.dept : f.w.b.dept;
      const committee = county === 'a' ? f.w.a.committee : f.w.b.committee;
      const K = county.toUpperCase();
      f.extra[`k${K}Campaign`] = (
        await createCampaign(s, admin, {
          orgId: dept.id,
          name: `${county === 'a' ? '振兴区' : '元宝区'}书记项目（比武）`,
          codePrefix: county === 'a' ? 'ZXK' : 'YBK',
        })
      ).id;
      const secretaryId =
        county === 'a'
          ? f.w.users.secretary.id
          : (
              await createUser(s, admin, {
                username: 'k_b_secretary',
                roles: [{ role: 'secretary', orgId: committee.id }],
              })
            ).id;
      f.extra[`k${K}Judge`] =
        county === 'a'
          ? f.w.users.judge.id
          : (await createUser(s, admin, { username: 'k_b_judge', roles: [{ role: 'judge', orgId: dept.id }] })).id;
      const secretary = contextFor(await actorOf(s, secretaryId));
      f.extra[`k${K}Project`] = await approvedProject(s, admin, secretary, {
        campaignId: f.extra[`k${K}Campaign`]!,
        orgId: committee.id,
      });
      f.extra[`k${K}Contest`] = (await contest(f, county, 'draft')).id;
      f.extra[`k${K}Presenting`] = (await contest(f, county, 'presenting')).id;
      f.extra[`k${K}Finished`] = (await contest(f, county, 'finished')).id;
      f.extra[`k${K}Template`] = await template(f, county);
    }
  },
  probes: {
    'GET /api/rubric-templates': {
      allow: STAFF,
      in: () => ({ method: 'GET', url: '/api/rubric-templates' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.kATemplate);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.kBTemplate);
      },
    },
    'POST /api/rubric-templates': {
      allow: STAFF,
      ...both((f, county) => ({
        method: 'POST',
        url: '/api/rubric-templates',
        payload: {
          orgId: county === 'a' ? f.w.a.dept.id : f.w.b.dept.id,
          name: `模板${f.seq()}`,
          rubric: DEFAULT_RUBRIC,
        },
      })),
    },
    'PATCH /api/rubric-templates/:id': {
      allow: STAFF,
      ...both(async (f, county) => ({
        method: 'PATCH',
        url: `/api/rubric-templates/${await template(f, county)}`,
        payload: { name: '改名模板', rubric: DEFAULT_RUBRIC, version: 1 },
      })),
    },
    'DELETE /api/rubric-templates/:id': {
      allow: STAFF,
      ...both(async (f, county) => ({ method: 'DELETE', url: `/api/rubric-templates/${await template(f, county)}` })),
    },
    'GET /api/contests': {
      allow: READERS,
      in: () => ({ method: 'GET', url: '/api/contests?limit=200' }),
      check: (body, f, role) => {
        expect(ids(body)).toContain(f.extra.kAContest);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.kBContest);
      },
    },
    'POST /api/contests': {
      allow: STAFF,
      ...both((f, county) => ({
        method: 'POST',
        url: '/api/contests',
        payload: {
          campaignId: x(f, county, 'Campaign'),
          name: `比武${f.seq()}`,
          contestDate: '2025-12-20',
          venue: '市委党校礼堂',
          projectIds: [x(f, county, 'Project')],
          judgeIds: [x(f, county, 'Judge')],
        },
      })),
    },
    'GET /api/contests/:id': {
      allow: READERS,
      ...both((f, county) => ({ method: 'GET', url: `/api/contests/${x(f, county, 'Contest')}` })),
    },
    'PATCH /api/contests/:id': {
      allow: STAFF,
      ...both(async (f, county) => {
        const c = await contest(f, county, 'draft');
        return {
          method: 'PATCH',
          url: `/api/contests/${c.id}`,
          payload: {
            name: '改名比武',
            contestDate: '2025-12-21',
            venue: '区委党校',
            minutesPerTalk: 6,
            projectIds: [c.projectId],
            judgeIds: [x(f, county, 'Judge')],
            version: c.version,
          },
        };
      }),
    },
    'POST /api/contests/:id/draw': { allow: STAFF, ...both(hostAction('draw', 'draft')) },
    'GET /api/contests/:id/draws': {
      allow: READERS,
      ...both((f, county) => ({ method: 'GET', url: `/api/contests/${x(f, county, 'Presenting')}/draws` })),
    },
    'POST /api/contests/:id/conflicts': {
      allow: STAFF,
      ...both(async (f, county) => {
        const c = await contest(f, county, 'draft');
        return {
          method: 'POST',
          url: `/api/contests/${c.id}/conflicts`,
          payload: { judgeId: x(f, county, 'Judge'), projectId: c.projectId, reason: '曾参与该项目指导' },
        };
      }),
    },
    'DELETE /api/contests/:id/conflicts/:conflictId': {
      allow: STAFF,
      ...both(async (f, county) => {
        const c = await contest(f, county, 'draft');
        const v = await f.t.services.contests.addConflict(f.t.admin, c.id, {
          judgeId: x(f, county, 'Judge'),
          projectId: c.projectId,
          reason: '曾参与该项目指导',
        });
        const conflictId = v.exclusions.find((e) => e.conflictId)!.conflictId!;
        return {
          method: 'DELETE',
          url: `/api/contests/${c.id}/conflicts/${conflictId}`,
          payload: { reason: '误登记' },
        };
      }),
    },
    'POST /api/contests/:id/ready': { allow: STAFF, ...both(hostAction('ready', 'drawn')) },
    'POST /api/contests/:id/draft': {
      allow: STAFF,
      ...both(hostAction('draft', 'ready', false, { reason: '评委名单需要调整' })),
    },
    'POST /api/contests/:id/start': { allow: STAFF, ...both(hostAction('start', 'ready')) },
    'POST /api/contests/:id/next': { allow: STAFF, ...both(hostAction('next', 'running')) },
    'POST /api/contests/:id/publish': { allow: STAFF, ...both(hostAction('publish', 'finished')) },
    'POST /api/contests/:id/projects/:projectId/close': {
      allow: STAFF,
      ...both(hostAction('close', 'presenting', true)),
    },
    'POST /api/contests/:id/projects/:projectId/reopen': {
      allow: STAFF,
      ...both(hostAction('reopen', 'closed', true, { reason: '评委手机故障未能提交' })),
    },
    'GET /api/contests/:id/projects/:projectId/sheet': {
      // Only panel members score: the administrator holds no seat (404).
      allow: ['judge'],
      statusFor: NO_JUDGE_SEAT,
      ...both((f, county) => ({
        method: 'GET',
        url: `/api/contests/${x(f, county, 'Presenting')}/projects/${x(f, county, 'Project')}/sheet`,
      })),
    },
    'PUT /api/contests/:id/projects/:projectId/sheet': {
      allow: ['judge'],
      statusFor: NO_JUDGE_SEAT,
      in: async (f) => {
        const c = await contest(f, 'a', 'presenting');
        return {
          method: 'PUT',
          url: `/api/contests/${c.id}/projects/${c.projectId}/sheet`,
          payload: { scores: SCORES },
        };
      },
      out: (f) => ({
        method: 'PUT',
        url: `/api/contests/${f.extra.kBPresenting}/projects/${f.extra.kBProject}/sheet`,
        payload: { scores: SCORES },
      }),
    },
    'GET /api/contests/:id/board': {
      allow: READERS,
      ...both((f, county) => ({ method: 'GET', url: `/api/contests/${x(f, county, 'Presenting')}/board` })),
      check: (body, f) =>
        expect((body as { current: { projectId: string } }).current.projectId).toBe(f.extra.kAProject),
    },
    'GET /api/contests/:id/stream': {
      allow: READERS,
      binary: true,
      ...both((f, county) => ({ method: 'GET', url: `/api/contests/${x(f, county, 'Presenting')}/stream?once=1` })),
      check: (body) => expect((body as Buffer).toString().startsWith('event: board\ndata: {')).toBe(true),
    },
    'GET /api/contests/:id/results': {
      // Judges on the panel read the contest, and its results only once published (403 before).
      allow: STAFF,
      reads: [...STAFF, 'judge'],
      ...both((f, county) => ({ method: 'GET', url: `/api/contests/${x(f, county, 'Finished')}/results` })),
    },
    'GET /api/contests/:id/sheets': {
      allow: STAFF,
      ...both((f, county) => ({ method: 'GET', url: `/api/contests/${x(f, county, 'Finished')}/sheets` })),
    },
    'PUT /api/contests/:id/projects/:projectId/override': {
      allow: STAFF,
      ...both((f, county) => ({
        method: 'PUT',
        url: `/api/contests/${x(f, county, 'Finished')}/projects/${x(f, county, 'Project')}/override`,
        payload: { score: 88, grade: 'fair', reason: '评审组复议' },
      })),
    },
    'GET /api/contests/:id/results.xlsx': {
      allow: STAFF,
      binary: true,
      ...both((f, county) => ({ method: 'GET', url: `/api/contests/${x(f, county, 'Finished')}/results.xlsx` })),
      check: (body) => expect((body as Buffer).subarray(0, 2).toString()).toBe('PK'),
    },
  },
};
