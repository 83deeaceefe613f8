import { expect } from 'vitest';
import type { RequestContext } from '../../src/core/actor';
import {
  actorOf,
  contextFor,
  createCampaign,
  createProject,
  createUser,
  declarationInput,
  submitProject,
} from '../../src/seed/factories';
import { Rng } from '../../src/seed/random';
import type { Fixtures, ProbeModule } from './types';
import { ids } from './types';

const READERS = ['admin', 'staff', 'secretary', 'member'] as const;
const LISTERS = [...READERS, 'judge'] as const;
/** A declaration is read by its secretary and the administrator (who may not act on it). */
const SECRETARY_AND_ADMIN = ['secretary', 'admin'] as const;
const rng = new Rng(31);

const secretaryA = async (f: Fixtures) => contextFor(await actorOf(f.t.services, f.w.users.secretary.id));
const secretaryB = async (f: Fixtures) => contextFor(await actorOf(f.t.services, f.extra.bSecretary!));

async function project(f: Fixtures, county: 'a' | 'b', state: 'draft' | 'submitted' | 'returned' | 'approved') {
  const ctx = county === 'a' ? await secretaryA(f) : await secretaryB(f);
  const orgId = county === 'a' ? f.w.a.committee.id : f.w.b.committee.id;
  const input = { campaignId: f.extra.campaign!, orgId, content: declarationInput(rng) };
  const p =
    state === 'draft' ? await createProject(f.t.services, ctx, input) : await submitProject(f.t.services, ctx, input);
  if (state === 'returned' || state === 'approved')
    await decide(f, f.t.admin, p.id, state === 'approved' ? 'approve' : 'return');
  return p.id;
}

async function decide(f: Fixtures, admin: RequestContext, id: string, decision: 'approve' | 'return') {
  const s = f.t.services;
  await s.store.tx(async (repos) => {
    const row = await s.projects.row(repos, admin, id);
    await s.projects.transition(repos, admin, row, 'schedule', ['staff']);
    await s.projectDecisions.apply(repos, admin, id, decision, decision === 'return' ? '请细化量化指标' : null);
  });
}

const version = (f: Fixtures, id: string) => f.version('projects', id);

/** Projects of county A (secretary a_secretary on 振兴区"两新"工委) against county B. */
export const projectsProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    f.extra.campaign = (await createCampaign(s, f.t.admin, { orgId: f.w.city.id })).id;
    f.extra.bSecretary = (
      await createUser(s, f.t.admin, {
        username: 'b_secretary',
        roles: [{ role: 'secretary', orgId: f.w.b.committee.id }],
      })
    ).id;
    f.extra.projectA = await project(f, 'a', 'submitted');
    f.extra.projectB = await project(f, 'b', 'submitted');
  },
  probes: {
    'GET /api/projects': {
      allow: LISTERS,
      in: () => ({ method: 'GET', url: '/api/projects?limit=200' }),
      check: (body, f, role) => {
        if (role !== 'judge') expect(ids(body)).toContain(f.extra.projectA);
        if (role !== 'admin') expect(ids(body)).not.toContain(f.extra.projectB);
      },
    },
    'GET /api/projects/export.xlsx': {
      allow: LISTERS,
      binary: true,
      in: () => ({ method: 'GET', url: '/api/projects/export.xlsx' }),
      check: (body) => expect((body as Buffer).subarray(0, 2).toString()).toBe('PK'),
    },
    'GET /api/projects/:id': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectA}` }),
      out: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectB}` }),
    },
    'GET /api/projects/:id/versions': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectA}/versions` }),
      out: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectB}/versions` }),
    },
    'GET /api/projects/:id/versions/compare': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectA}/versions/compare?a=1&b=1` }),
      out: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectB}/versions/compare?a=1&b=1` }),
    },
    'GET /api/projects/:id/timeline': {
      allow: READERS,
      in: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectA}/timeline` }),
      out: (f) => ({ method: 'GET', url: `/api/projects/${f.extra.projectB}/timeline` }),
    },
    'POST /api/projects': {
      allow: ['secretary'],
      // The administrator holds every permission but is no secretary: the organisation is refused.
      statusFor: { admin: { in: 400, out: 400 } },
      in: (f) => ({
        method: 'POST',
        url: '/api/projects',
        payload: { campaignId: f.extra.campaign, orgId: f.w.a.committee.id, content: declarationInput(rng) },
      }),
      out: (f) => ({
        method: 'POST',
        url: '/api/projects',
        payload: { campaignId: f.extra.campaign, orgId: f.w.b.committee.id, content: declarationInput(rng) },
      }),
    },
    'PUT /api/projects/:id/content': {
      allow: ['secretary'],
      // Only the declaring secretary acts on a declaration; the administrator reads it but is refused too.
      reads: SECRETARY_AND_ADMIN,
      statusFor: { admin: { out: 403 } },
      in: async (f) => {
        const id = await project(f, 'a', 'draft');
        return {
          method: 'PUT',
          url: `/api/projects/${id}/content`,
          payload: { content: declarationInput(rng), version: await version(f, id) },
        };
      },
      out: async (f) => {
        const id = await project(f, 'b', 'draft');
        return {
          method: 'PUT',
          url: `/api/projects/${id}/content`,
          payload: { content: declarationInput(rng), version: await version(f, id) },
        };
      },
    },
    'POST /api/projects/:id/submit': {
      allow: ['secretary'],
      // Only the declaring secretary acts on a declaration; the administrator reads it but is refused too.
      reads: SECRETARY_AND_ADMIN,
      statusFor: { admin: { out: 403 } },
      in: async (f) => {
        const id = await project(f, 'a', 'draft');
        return { method: 'POST', url: `/api/projects/${id}/submit`, payload: { version: await version(f, id) } };
      },
      out: async (f) => {
        const id = await project(f, 'b', 'draft');
        return { method: 'POST', url: `/api/projects/${id}/submit`, payload: { version: await version(f, id) } };
      },
    },
    'POST /api/projects/:id/withdraw': {
      allow: ['secretary'],
      // Only the declaring secretary acts on a declaration; the administrator reads it but is refused too.
      reads: SECRETARY_AND_ADMIN,
      statusFor: { admin: { out: 403 } },
      in: async (f) => {
        const id = await project(f, 'a', 'submitted');
        return { method: 'POST', url: `/api/projects/${id}/withdraw`, payload: { version: await version(f, id) } };
      },
      out: async (f) => {
        const id = await project(f, 'b', 'submitted');
        return { method: 'POST', url: `/api/projects/${id}/withdraw`, payload: { version: await version(f, id) } };
      },
    },
    'POST /api/projects/:id/resubmit': {
      allow: ['secretary'],
      // Only the declaring secretary acts on a declaration; the administrator reads it but is refused too.
      reads: SECRETARY_AND_ADMIN,
      statusFor: { admin: { out: 403 } },
      in: async (f) => {
        const id = await project(f, 'a', 'returned');
        return { method: 'POST', url: `/api/projects/${id}/resubmit`, payload: { version: await version(f, id) } };
      },
      out: async (f) => {
        const id = await project(f, 'b', 'returned');
        return { method: 'POST', url: `/api/projects/${id}/resubmit`, payload: { version: await version(f, id) } };
      },
    },
    'POST /api/projects/:id/terminate': {
      allow: ['admin', 'staff'],
      in: async (f) => {
        const id = await project(f, 'a', 'approved');
        return {
          method: 'POST',
          url: `/api/projects/${id}/terminate`,
          payload: { version: await version(f, id), reason: '牵头单位撤销' },
        };
      },
      out: async (f) => {
        const id = await project(f, 'b', 'approved');
        return {
          method: 'POST',
          url: `/api/projects/${id}/terminate`,
          payload: { version: await version(f, id), reason: '牵头单位撤销' },
        };
      },
    },
    'POST /api/projects/:id/complete': {
      allow: ['admin', 'staff', 'secretary'],
      // A member reads the project but is neither its secretary nor staff.
      statusFor: { member: { in: 403, out: 404 } },
      in: async (f) => completeReq(f, await project(f, 'a', 'approved')),
      out: async (f) => completeReq(f, await project(f, 'b', 'approved')),
    },
  },
};

async function completeReq(f: Fixtures, id: string) {
  const indicators = await f.t.services.store.repos.projects.indicators(id);
  return {
    method: 'POST' as const,
    url: `/api/projects/${id}/complete`,
    payload: {
      version: await version(f, id),
      summary: '目标全部完成',
      finalValues: indicators.map((i) => ({ indicatorId: i.id, value: i.target })),
    },
  };
}
