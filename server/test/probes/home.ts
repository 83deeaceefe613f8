import { expect } from 'vitest';
import { addDays, type HomeView, type Page, type Role } from '@touyan/schemas';
import { shanghaiDate } from '../../src/core/time';
import { actorOf, contextFor, declarationInput, submitProject } from '../../src/seed/factories';
import { Rng } from '../../src/seed/random';
import { call } from '../harness';
import { ALL, type Fixtures, type ProbeModule } from './types';

/**
 * The home (工作台). It reuses the other modules' fixtures in both counties (review meetings,
 * contests, approved projects) and adds a submitted declaration and an open supervision notice in
 * each. Before each call the lists the home's counts link to are read as the same user, so the
 * check can hold the counts to them; no county-B record may appear anywhere in the reply.
 */
const rng = new Rng(808);

/** Counts of the lists the home links to, read through the API as each role (before the call). */
interface Expected {
  awaitingReview?: number;
  overdueProjects?: number;
  openMeetings?: number;
  projects?: number;
  enterprise?: Record<string, number>;
}

const EXPECT_ROLES: Role[] = ['admin', 'staff', 'secretary', 'member'];

async function total(f: Fixtures, role: Role, url: string): Promise<number> {
  const res = await call(f.t.app, f.sessions.get(role)!, 'GET', url);
  expect(res.statusCode, `${role} ${url}`).toBe(200);
  return (res.json() as Page<unknown>).total!;
}

async function countAll(f: Fixtures, role: Role, url: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res = await call(
      f.t.app,
      f.sessions.get(role)!,
      'GET',
      `${url}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.statusCode, `${role} ${url}`).toBe(200);
    const page = res.json() as Page<unknown>;
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

async function expectations(f: Fixtures): Promise<Record<string, Expected>> {
  const out: Record<string, Expected> = {};
  for (const role of EXPECT_ROLES) {
    if (role === 'admin' || role === 'staff') {
      out[role] = {
        awaitingReview: await total(f, role, '/api/projects?status=submitted&withTotal=1&limit=1'),
        overdueProjects: await total(f, role, '/api/projects?overdue=1&withTotal=1&limit=1'),
        openMeetings: await countAll(f, role, '/api/review-meetings?status=open'),
        enterprise: {
          firmsVisited: await total(f, role, '/api/visits/firms?withTotal=1&limit=1'),
          demands: await countAll(f, role, '/api/demands?'),
          resolved: await countAll(f, role, '/api/demands?measure=resolved'),
          factorResolved: await countAll(f, role, '/api/demands?measure=resolved&categoryGroup=factor'),
          legacyResolved: await countAll(f, role, '/api/demands?measure=resolved&category=legacy'),
          open: await countAll(f, role, '/api/demands?open=1'),
          overdue: await countAll(f, role, '/api/demands?overdue=1'),
        },
      };
    } else {
      out[role] = { projects: await total(f, role, '/api/projects?withTotal=1&limit=1') };
    }
  }
  return out;
}

/** Records of county B that no user of county A may see on their home. */
const countyB = (f: Fixtures) =>
  [
    f.extra.hmDeclB,
    f.extra.hmNoticeB,
    f.extra.exB,
    f.extra.rvMeetingB,
    f.extra.rvCampaignB,
    f.extra.kBContest,
    f.extra.kBPresenting,
    f.extra.kBFinished,
  ].filter((x): x is string => !!x);

const onlyIds = <T extends { id: string }>(xs: readonly T[]) => xs.map((x) => x.id);

export const homeProbes: ProbeModule = {
  setup: async (f) => {
    const s = f.t.services;
    for (const county of ['a', 'b'] as const) {
      const K = county.toUpperCase();
      const secretary = county === 'a' ? f.w.users.secretary.id : f.extra.rvSecretaryB!;
      const p = await submitProject(s, contextFor(await actorOf(s, secretary)), {
        campaignId: county === 'a' ? f.extra.rvCampaignA! : f.extra.rvCampaignB!,
        orgId: county === 'a' ? f.w.a.committee.id : f.w.b.committee.id,
        content: declarationInput(rng),
      });
      f.extra[`hmDecl${K}`] = p.id;
      const notice = await s.supervision.issue(f.t.admin, county === 'a' ? f.extra.exA! : f.extra.exB!, {
        reportId: null,
        content: '请说明季度报告逾期原因。',
        answerBy: addDays(shanghaiDate(), 1),
      });
      f.extra[`hmNotice${K}`] = notice.id;
    }
  },
  probes: {
    'GET /api/home': {
      allow: ALL,
      in: async (f) => {
        f.extra.hmExpected = JSON.stringify(await expectations(f));
        return { method: 'GET', url: '/api/home?items=20' };
      },
      check: (body, f, role) => {
        const home = body as HomeView;
        const want = (JSON.parse(f.extra.hmExpected!) as Record<string, Expected>)[role] ?? {};
        expect(home.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(typeof home.notifications.unread).toBe('number');
        if (role !== 'admin') {
          const text = JSON.stringify(home);
          for (const id of countyB(f)) expect(text, `${role}'s home shows a county-B record`).not.toContain(id);
        }
        // Sections by role: staff (and the administrator), secretary, member, judge; nothing else.
        expect(home.staff !== null).toBe(role === 'admin' || role === 'staff');
        expect(home.secretary !== null).toBe(role === 'secretary');
        expect(home.member !== null).toBe(role === 'member');
        expect(home.judge !== null).toBe(role === 'judge');

        if (home.staff) {
          const st = home.staff;
          expect(st.awaitingReview.count).toBe(want.awaitingReview);
          expect(st.awaitingReview.count).toBeGreaterThan(0);
          expect(st.awaitingReview.items.length).toBe(Math.min(st.awaitingReview.count, 20));
          if (st.awaitingReview.count <= 20) expect(onlyIds(st.awaitingReview.items)).toContain(f.extra.hmDeclA);
          expect(st.reports.overdueProjects).toBe(want.overdueProjects);
          expect(st.meetings.open).toBe(want.openMeetings);
          expect(onlyIds(st.meetings.items)).toContain(f.extra.rvMeetingA);
          expect(onlyIds(st.contests.items)).toContain(f.extra.kAPresenting);
          expect(st.contests.byStatus.running).toBeGreaterThan(0);
          expect(onlyIds(st.supervision.items)).toContain(f.extra.hmNoticeA);
          expect(st.supervision.open).toBeGreaterThan(0);
          expect(st.figures.projectsByStatus.approved).toBeGreaterThan(0);
          expect(st.figures.reportsOnTime + st.figures.reportsLate).toBeGreaterThan(0);
          // 企业服务: each figure is its list's total (the visits and demands fixtures of both counties).
          expect(st.enterprise).toEqual(want.enterprise);
          expect(st.enterprise!.firmsVisited).toBeGreaterThan(0);
          expect(st.enterprise!.demands).toBeGreaterThan(0);
        }
        if (home.secretary) {
          expect(home.secretary.projects.total).toBe(want.projects);
          expect(home.secretary.projects.total).toBeGreaterThan(0);
          expect(onlyIds(home.secretary.campaigns)).toContain(f.extra.rvCampaignA);
        }
        if (home.member) {
          expect(home.member.projects.total).toBe(want.projects);
          expect(home.member.projects.total).toBeGreaterThan(0);
        }
        if (home.judge) {
          expect(onlyIds(home.judge.contests)).toContain(f.extra.kAPresenting);
          expect(onlyIds(home.judge.meetings)).toContain(f.extra.rvMeetingA);
        }
      },
    },
  },
};
