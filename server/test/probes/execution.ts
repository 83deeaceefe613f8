import { Readable } from 'node:stream';
import type { Multipart } from '@fastify/multipart';
import { expect } from 'vitest';
import { multipart } from '../harness';
import { addDays, type QuarterOverview } from '@touyan/schemas';
import type { RequestContext } from '../../src/core/actor';
import { runWithClock, SimulatedClock } from '../../src/core/clock';
import { shanghaiDate } from '../../src/core/time';
import {
  actorOf,
  contextFor,
  createCampaign,
  createUser,
  declarationInput,
  submitProject,
} from '../../src/seed/factories';
import { Rng } from '../../src/seed/random';
import type { Fixtures, Probe, ProbeModule, Req } from './types';

/**
 * Execution, quarterly reports, supervision and attachments. Fixtures are approved in early 2025
 * (simulated clock), so every 2025 quarter is open for filing when the matrix runs.
 */
const READERS = ['admin', 'staff', 'secretary', 'member'] as const;
const TEAM = ['secretary', 'member'] as const;
const STAFF_ROLES = ['admin', 'staff'] as const;
/** The administrator sees every project but is neither on its team nor its secretary. */
const NOT_ADMIN = { admin: { in: 403, out: 403 } };

const rng = new Rng(4242);
const replay = new SimulatedClock('2025-02-10T10:00:00+08:00');
const in2025 = <T>(fn: () => Promise<T>) => runWithClock(replay.now, fn);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

const secretaryCtx = async (f: Fixtures, county: 'a' | 'b') =>
  contextFor(await actorOf(f.t.services, county === 'a' ? f.w.users.secretary.id : f.extra.exSecretaryB!));

async function approved(f: Fixtures, county: 'a' | 'b', milestones = 2): Promise<string> {
  return in2025(async () => {
    const s = f.t.services;
    const content = declarationInput(rng, {
      milestones: Array.from({ length: milestones }, (_, i) => ({
        name: `节点${i + 1}`,
        dueDate: addDays('2025-03-01', 30 * i),
      })),
    });
    const orgId = county === 'a' ? f.w.a.committee.id : f.w.b.committee.id;
    const p = await submitProject(s, await secretaryCtx(f, county), {
      campaignId: f.extra.exCampaign!,
      orgId,
      content,
    });
    await s.store.tx(async (repos) => {
      const row = await s.projects.row(repos, f.t.admin, p.id);
      await s.projects.transition(repos, f.t.admin, row, 'schedule', ['staff']);
      await s.projectDecisions.apply(repos, f.t.admin, p.id, 'approve', null);
    });
    return p.id;
  });
}

async function attach(f: Fixtures, ctx: RequestContext, projectId: string): Promise<string> {
  async function* parts() {
    yield { type: 'field', fieldname: 'projectId', value: projectId } as unknown as Multipart;
    yield {
      type: 'file',
      fieldname: 'file',
      filename: '现场照片.png',
      file: Readable.from([PNG]),
    } as unknown as Multipart;
  }
  return (await f.t.services.attachments.upload(ctx, parts())).id;
}

async function fileQ1(f: Fixtures, county: 'a' | 'b', projectId: string): Promise<string> {
  const r = await f.t.services.quarterlyReports.file(await secretaryCtx(f, county), projectId, {
    year: 2025,
    quarter: 1,
    progress: '一季度完成摸排。',
    crux: '企业配合度不高。',
    nextPlan: '二季度选派指导员。',
    indicatorValues: [],
    attachmentIds: [],
  });
  return r.id;
}

async function notice(f: Fixtures, projectId: string): Promise<string> {
  const n = await f.t.services.supervision.issue(f.t.admin, projectId, {
    reportId: null,
    content: '请说明进度滞后原因。',
    answerBy: addDays(shanghaiDate(), 7),
  });
  return n.id;
}

const get = (url: string): Req => ({ method: 'GET', url });
const onProject = (suffix: string, extra: Omit<Probe, 'in' | 'out' | 'allow'> & { allow?: Probe['allow'] } = {}) =>
  ({
    allow: READERS,
    in: (f: Fixtures) => get(`/api/projects/${f.extra.exA}${suffix}`),
    out: (f: Fixtures) => get(`/api/projects/${f.extra.exB}${suffix}`),
    ...extra,
  }) satisfies Probe;

async function openMilestone(f: Fixtures, projectId: string) {
  const all = await f.t.services.store.repos.progress.milestones(projectId);
  return all.find((m) => !m.completedOn) ?? all[0]!;
}

async function milestoneReq(f: Fixtures, projectId: string): Promise<Req> {
  const m = await openMilestone(f, projectId);
  return {
    method: 'POST',
    url: `/api/projects/${projectId}/milestones/${m.id}/complete`,
    payload: { evidence: '已完成，见台账。', completedOn: '2025-03-01', version: m.version },
  };
}

async function actualReq(f: Fixtures, projectId: string): Promise<Req> {
  const [i] = await f.t.services.store.repos.progress.indicators(projectId);
  return {
    method: 'POST',
    url: `/api/projects/${projectId}/indicators/${i!.id}/actuals`,
    payload: { value: 3, recordedOn: '2025-03-01', note: '矩阵' },
  };
}

/** Sets the area of the project's last indicator, bound here to a figure (the first stays manual for `actualReq`). */
async function areaReq(f: Fixtures, projectId: string): Promise<Req> {
  const all = await f.t.services.store.repos.progress.indicators(projectId);
  const i = all[all.length - 1]!;
  await f.t.services.db
    .updateTable('projectIndicators')
    .set({ figureKey: 'visits.visits' })
    .where('id', '=', i.id)
    .execute();
  return {
    method: 'PUT',
    url: `/api/projects/${projectId}/indicators/${i.id}/area`,
    payload: { orgId: f.w.a.dept.id, version: i.version },
  };
}

async function fileReq(f: Fixtures, projectId: string): Promise<Req> {
  const pending = (await f.t.services.store.repos.reports.forProject(projectId)).find((r) => r.status === 'pending');
  const q = pending ?? { year: 2025, quarter: 4 };
  const indicator = await f.t.services.db
    .selectFrom('projectIndicators')
    .select('id')
    .where('projectId', '=', projectId)
    .executeTakeFirstOrThrow();
  return {
    method: 'POST',
    url: `/api/projects/${projectId}/quarterly-reports`,
    payload: {
      year: q.year,
      quarter: q.quarter,
      progress: '进展',
      crux: '症结',
      nextPlan: '计划',
      indicatorValues: [{ indicatorId: indicator.id, value: 1 }],
    },
  };
}

async function rateReq(f: Fixtures, reportId: string): Promise<Req> {
  const r = (await f.t.services.store.repos.reports.get(reportId))!;
  return {
    method: 'POST',
    url: `/api/quarterly-reports/${reportId}/rate`,
    payload: { rating: 'on_track', comment: '按计划推进。', version: r.version },
  };
}

export const executionProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    await in2025(async () => {
      f.extra.exCampaign = (await createCampaign(s, f.t.admin, { orgId: f.w.city.id, codePrefix: 'EX' })).id;
    });
    f.extra.exSecretaryB = (
      await createUser(s, f.t.admin, {
        username: 'b_ex_secretary',
        mobile: null,
        roles: [{ role: 'secretary', orgId: f.w.b.committee.id }],
      })
    ).id;
    f.extra.exA = await approved(f, 'a');
    f.extra.exB = await approved(f, 'b');
    // Milestones and quarters to complete and file, one per successful call.
    f.extra.exMilestonesA = await approved(f, 'a', 8);
    f.extra.exReportsA = await approved(f, 'a');
    f.extra.exReportsB = await approved(f, 'b');
    f.extra.exAttA = await attach(f, await secretaryCtx(f, 'a'), f.extra.exA);
    f.extra.exAttB = await attach(f, await secretaryCtx(f, 'b'), f.extra.exB);
    f.extra.exReportA = await fileQ1(f, 'a', f.extra.exA);
    f.extra.exReportB = await fileQ1(f, 'b', f.extra.exB);
  },
  probes: {
    'GET /api/projects/:id/progress': onProject('/progress'),
    'POST /api/projects/:id/progress': {
      allow: TEAM,
      statusFor: NOT_ADMIN,
      in: (f) => ({ method: 'POST', url: `/api/projects/${f.extra.exA}/progress`, payload: { text: '走访企业5家。' } }),
      out: (f) => ({
        method: 'POST',
        url: `/api/projects/${f.extra.exB}/progress`,
        payload: { text: '走访企业5家。' },
      }),
    },
    'GET /api/projects/:id/milestones': onProject('/milestones'),
    'POST /api/projects/:id/milestones/:milestoneId/complete': {
      allow: TEAM,
      statusFor: NOT_ADMIN,
      in: (f) => milestoneReq(f, f.extra.exMilestonesA!),
      out: (f) => milestoneReq(f, f.extra.exB!),
    },
    'GET /api/projects/:id/indicators': onProject('/indicators'),
    'POST /api/projects/:id/indicators/:indicatorId/actuals': {
      allow: TEAM,
      statusFor: NOT_ADMIN,
      in: (f) => actualReq(f, f.extra.exA!),
      out: (f) => actualReq(f, f.extra.exB!),
    },
    'PUT /api/projects/:id/indicators/:indicatorId/area': {
      allow: STAFF_ROLES,
      in: (f) => areaReq(f, f.extra.exA!),
      out: (f) => areaReq(f, f.extra.exB!),
    },
    'GET /api/projects/:id/quarterly-reports': onProject('/quarterly-reports'),
    'POST /api/projects/:id/quarterly-reports': {
      allow: ['secretary'],
      statusFor: NOT_ADMIN,
      in: (f) => fileReq(f, f.extra.exReportsA!),
      out: (f) => fileReq(f, f.extra.exReportsB!),
    },
    'POST /api/quarterly-reports/:id/rate': {
      allow: STAFF_ROLES,
      in: (f) => rateReq(f, f.extra.exReportA!),
      out: (f) => rateReq(f, f.extra.exReportB!),
    },
    'GET /api/quarterly-reports/overview': {
      allow: STAFF_ROLES,
      in: (f) => get(`/api/quarterly-reports/overview?campaignId=${f.extra.exCampaign}&year=2025&quarter=1`),
      check: (body, f, role) => {
        const rows = (body as QuarterOverview).rows.map((r) => r.projectId);
        expect(rows).toContain(f.extra.exA);
        if (role !== 'admin') expect(rows).not.toContain(f.extra.exB);
      },
    },
    'GET /api/projects/:id/supervision-notices': onProject('/supervision-notices'),
    'POST /api/projects/:id/supervision-notices': {
      allow: STAFF_ROLES,
      in: (f) => ({
        method: 'POST',
        url: `/api/projects/${f.extra.exA}/supervision-notices`,
        payload: { content: '请加快进度。', answerBy: addDays(shanghaiDate(), 7) },
      }),
      out: (f) => ({
        method: 'POST',
        url: `/api/projects/${f.extra.exB}/supervision-notices`,
        payload: { content: '请加快进度。', answerBy: addDays(shanghaiDate(), 7) },
      }),
    },
    'POST /api/supervision-notices/:id/answer': {
      allow: ['secretary'],
      statusFor: NOT_ADMIN,
      in: async (f) => ({
        method: 'POST',
        url: `/api/supervision-notices/${await notice(f, f.extra.exA!)}/answer`,
        payload: { answer: '已整改。', version: 1 },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/supervision-notices/${await notice(f, f.extra.exB!)}/answer`,
        payload: { answer: '已整改。', version: 1 },
      }),
    },
    'POST /api/supervision-notices/:id/close': {
      allow: STAFF_ROLES,
      in: async (f) => ({
        method: 'POST',
        url: `/api/supervision-notices/${await notice(f, f.extra.exA!)}/close`,
        payload: { comment: '办结', version: 1 },
      }),
      out: async (f) => ({
        method: 'POST',
        url: `/api/supervision-notices/${await notice(f, f.extra.exB!)}/close`,
        payload: { comment: '办结', version: 1 },
      }),
    },
    'GET /api/attachments/:id': {
      allow: READERS,
      binary: true,
      in: (f) => get(`/api/attachments/${f.extra.exAttA}`),
      out: (f) => get(`/api/attachments/${f.extra.exAttB}`),
      check: (body) => expect((body as Buffer).subarray(0, 8).equals(PNG.subarray(0, 8))).toBe(true),
    },
    'POST /api/attachments': {
      // A real multipart upload of a PNG to the county-A project, and to county B's.
      allow: ['admin', 'secretary', 'member'],
      in: (f) => upload(f.extra.exA!),
      out: (f) => upload(f.extra.exB!),
    },
  },
};

function upload(projectId: string) {
  const { body, headers } = multipart(
    { projectId },
    { field: 'file', filename: '现场照片.png', type: 'image/png', data: PNG },
  );
  return { method: 'POST' as const, url: '/api/attachments', payload: body, headers };
}
