import {
  challengeClaimBody,
  challengeCreateBody,
  declarationContentSchema,
  decisionBody,
  indicatorActualBody,
  indicatorAreaBody,
  projectListQuery,
  judgementBody,
  meetingCreateBody,
  milestoneCompleteBody,
  projectSaveBody,
  addDays,
  quarterDueDate,
  quarterlyReportBody,
  reportRateBody,
  supervisionAnswerBody,
  supervisionCloseBody,
  supervisionCreateBody,
  type DeclarationContent,
  type ProjectRating,
  type PartyOrgView,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { runWithClock, SimulatedClock } from '../core/clock';
import type { Services } from '../services';
import {
  DANDONG_DECLARATIONS,
  FUSHUN_DECLARATION,
  HAIYANG_CHALLENGES,
  HAIYANG_MEASURES,
  type DeclarationSeed,
} from './demo-projects.data';
import type { SeededLocality } from './demo';
import { at, createCampaign, createProject, createUser, ctxOf, validated } from './factories';
import { personName } from './names';
import { Rng } from './random';

/** The standard milestones of a project year. */
const yearMilestones = (year: number) => [
  { name: '完成调研摸底和工作方案', dueDate: `${year}-04-30` },
  { name: '主要措施全面落地', dueDate: `${year}-08-31` },
  { name: '总结评估、形成长效机制', dueDate: `${year}-12-15` },
];

/** A declaration's content from its seed (milestones: those of the year unless given). */
export function content(
  seed: DeclarationSeed,
  year: number,
  challengeId: string | null = null,
  milestones = yearMilestones(year),
): DeclarationContent {
  // The team's fictional names follow from the title, so each project keeps its own people.
  const people = new Rng([...seed.title].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 11));
  return validated(declarationContentSchema, {
    title: seed.title,
    theme: seed.theme,
    targetGroup: seed.targetGroup,
    problem: seed.problem,
    challengeId,
    reachCount: seed.reach[0],
    reachUnit: seed.reach[1],
    reachRationale: seed.rationale,
    objectives: seed.objectives,
    measures: seed.measures,
    milestones,
    indicators: seed.indicators.map(([name, unit, baseline, target, figure]) => ({
      name,
      unit,
      baseline,
      target,
      figure: figure ?? null,
    })),
    team: [
      { name: personName(people), role: '项目联络员，负责日常推进', userId: null },
      { name: personName(people), role: '党建指导员，负责业务指导', userId: null },
    ],
    partners: seed.partners,
    fundingFen: seed.fundingWan * 1_000_000,
    fundingSource: '党费补助和部门专项经费',
    attachmentIds: [],
  });
}

/** A secretary account for each declaring organisation that has none yet. */
export async function secretaries(services: Services, staff: RequestContext, key: string, orgs: PartyOrgView[]) {
  const out = new Map<string, RequestContext>();
  for (const [i, org] of orgs.entries()) {
    const username = i === 0 ? `${key}_secretary` : `${key}_sec_${String(i + 1).padStart(2, '0')}`;
    if (i > 0 && !(await services.store.repos.users.byLogin(username, '-'))) {
      await createUser(services, staff, {
        username,
        displayName: org.secretaryName,
        roles: [{ role: 'secretary', orgId: org.id }],
      });
    }
    out.set(org.id, await ctxOf(services, username));
  }
  return out;
}

interface Meeting {
  title: string;
  date: string;
  decisions: Map<string, ['approve'] | ['return', string] | ['reject', string]>;
}

/** A review meeting: agenda, every reviewer's judgement, the chair's decisions, closed. */
export async function holdMeeting(
  services: Services,
  clock: SimulatedClock,
  staff: RequestContext,
  judge: RequestContext,
  campaignId: string,
  m: Meeting,
  rng: Rng,
) {
  clock.set(at(`${m.date} 09:00`));
  const campaign = await services.campaigns.get(staff, campaignId);
  let meeting = await services.reviews.create(
    staff,
    validated(meetingCreateBody, {
      campaignId,
      title: m.title,
      meetingDate: m.date,
      place: '市委社会工作部三楼会议室',
      chairUserId: staff.actor.userId,
      reviewerIds: [staff.actor.userId, judge.actor.userId],
      note: '逐一研判申报项目的全局性、操作性、聚焦度、创新性和可量化程度。',
    }),
  );
  meeting = await services.reviews.addItems(staff, meeting.id, { projectIds: [...m.decisions.keys()] });
  clock.advanceMinutes(30);
  for (const item of meeting.items) {
    const [decision] = m.decisions.get(item.projectId)!;
    const base = decision === 'approve' ? 4 : decision === 'return' ? 3 : 2;
    for (const reviewer of [judge, staff]) {
      const scores = Object.fromEntries(
        campaign.criteria.map((c) => [c.code, Math.min(5, Math.max(1, base + rng.int(-1, 1)))]),
      );
      await services.reviews.judge(
        reviewer,
        meeting.id,
        item.id,
        validated(judgementBody, {
          scores,
          comment:
            decision === 'approve'
              ? '选题精准，措施可行。'
              : decision === 'return'
                ? '方向可以，需进一步完善。'
                : '不符合选题要求。',
        }),
      );
    }
    clock.advanceMinutes(12);
  }
  for (const item of meeting.items) {
    const [decision, note] = m.decisions.get(item.projectId)!;
    await services.reviews.decide(
      staff,
      meeting.id,
      item.id,
      validated(decisionBody, { decision, note: note ?? null }),
    );
  }
  clock.advanceMinutes(20);
  const current = await services.reviews.get(staff, meeting.id);
  await services.reviews.close(staff, meeting.id, { version: current.version });
}

const QUARTER_TEXT: Record<number, { progress: string; crux: string; next: string }> = {
  1: {
    progress: '完成调研摸底，制定工作方案并召开启动会。',
    crux: '部分单位认识不到位，配合度不高。',
    next: '召开推进会，压实责任，启动主要措施。',
  },
  2: {
    progress: '主要措施全面启动，阶段性指标完成过半。',
    crux: '经费到位较慢，个别点位选址困难。',
    next: '协调经费拨付，加快点位建设。',
  },
  3: {
    progress: '重点任务基本完成，形成一批可推广的做法。',
    crux: '长效机制尚未建立，群众知晓度有待提高。',
    next: '总结经验，建立长效机制，准备年终比武。',
  },
  4: {
    progress: '全年目标任务完成，形成总结报告。',
    crux: '个别指标受客观因素影响略有差距。',
    next: '巩固成果，纳入常态化工作。',
  },
};

/** Files, rates and follows up the quarterly reports of approved projects, quarter by quarter. */
async function runQuarters(
  services: Services,
  clock: SimulatedClock,
  staff: RequestContext,
  projects: { id: string; secretary: RequestContext }[],
  year: number,
  quarters: number[],
  rng: Rng,
  opts: { skipLast?: string; superviseAtRisk?: boolean } = {},
) {
  let supervised = 0;
  for (const quarter of quarters) {
    const due = quarterDueDate({ year, quarter: quarter as 1 | 2 | 3 | 4 });
    for (const [i, p] of projects.entries()) {
      if (quarter === quarters[quarters.length - 1] && p.id === opts.skipLast) continue;
      const indicators = (await services.progress.indicators(p.secretary, p.id)).items;
      const share = quarter / 4;
      // One report of Q1 is filed at 23:30 on 31 March: still Q1 in Beijing.
      const filedAt =
        quarter === 1 && i === 0 ? at(`${year}-03-31 23:30`) : at(`${due.slice(0, 8)}0${rng.int(1, 9)} 10:00`);
      clock.set(filedAt);
      const values = indicators.map((ind) => ({
        indicatorId: ind.id,
        value: Math.round(ind.baseline + (ind.target - ind.baseline) * Math.min(1, share * (0.7 + rng.next() * 0.4))),
      }));
      for (const v of values) {
        await services.progress.recordActual(
          p.secretary,
          p.id,
          v.indicatorId,
          validated(indicatorActualBody, {
            value: v.value,
            recordedOn: filedAt.slice(0, 10),
            note: `${quarter}季度末统计`,
          }),
        );
      }
      const milestones = (await services.progress.milestones(p.secretary, p.id)).items;
      const due_ = milestones.find(
        (m) => !m.completedOn && m.dueDate <= `${year}-${String(quarter * 3).padStart(2, '0')}-31`,
      );
      if (due_) {
        await services.progress.completeMilestone(
          p.secretary,
          p.id,
          due_.id,
          validated(milestoneCompleteBody, {
            evidence: `已完成：${due_.name}，相关材料已归档。`,
            completedOn: filedAt.slice(0, 10),
            attachmentIds: [],
            version: due_.version,
          }),
        );
      }
      const t = QUARTER_TEXT[quarter]!;
      await services.quarterlyReports.file(
        p.secretary,
        p.id,
        validated(quarterlyReportBody, {
          year,
          quarter,
          progress: t.progress,
          crux: t.crux,
          nextPlan: t.next,
          indicatorValues: values,
          attachmentIds: [],
        }),
      );
    }
    const ratedAt = at(`${due.slice(0, 8)}18 15:00`);
    for (const p of projects) {
      clock.set(ratedAt);
      const report = (await services.quarterlyReports.list(staff, p.id)).items.find(
        (r) => r.year === year && r.quarter === quarter,
      );
      if (!report || report.status !== 'filed') continue;
      const roll = rng.next();
      const rating: ProjectRating = roll < 0.78 ? 'on_track' : roll < 0.95 ? 'lagging' : 'at_risk';
      const comment =
        rating === 'on_track'
          ? '进展顺利，措施有力。'
          : rating === 'lagging'
            ? '进度滞后，请加快推进。'
            : '存在风险，需重点督导。';
      await services.quarterlyReports.rate(
        staff,
        report.id,
        validated(reportRateBody, { rating, comment, version: report.version }),
      );
      if (rating === 'at_risk' && opts.superviseAtRisk && supervised < 2) {
        supervised++;
        const notice = await services.supervision.issue(
          staff,
          p.id,
          validated(supervisionCreateBody, {
            reportId: report.id,
            content: '项目进度明显滞后，请于10日内书面说明原因并提出整改措施。',
            answerBy: addDays(ratedAt.slice(0, 10), 10),
          }),
        );
        clock.advanceMinutes(60 * 24 * 5);
        const answered = await services.supervision.answer(
          p.secretary,
          notice.id,
          validated(supervisionAnswerBody, {
            answer: '已召开专题会分析原因，调整实施计划，下月完成滞后任务。',
            version: notice.version,
          }),
        );
        // The first notice is closed; the second stays answered, awaiting the staff's review.
        if (supervised === 1) {
          clock.advanceMinutes(60 * 24 * 2);
          await services.supervision.close(
            staff,
            notice.id,
            validated(supervisionCloseBody, { comment: '整改措施可行，继续跟踪。', version: answered.version }),
          );
        }
      }
    }
  }
}

/** 丹东市: topic scope → 14 declarations → review returns weak ones → re-declared → 8 approved, Q1–Q4 reports. */
async function seedDandong(services: Services, clock: SimulatedClock, dd: SeededLocality) {
  const rng = new Rng(4101);
  const staff = await ctxOf(services, 'dd_staff');
  const judge = await ctxOf(services, 'dd_judge');
  clock.set(at('2025-02-10 09:30'));
  const campaign = await createCampaign(services, staff, {
    orgId: dd.root.id,
    name: '2025年度新兴领域书记项目',
    year: 2025,
    codePrefix: 'DD',
    declareFrom: '2025-02-15',
    declareTo: '2025-03-10',
    reviewDates: ['2025-03-20', '2025-03-28'],
    contestDate: '2025-12-20',
    description: '压紧压实县级"两新"工委书记和省级以上园区企业党委书记党建工作责任，聚焦选题范围申报书记项目。',
  });
  const orgs = dd.committees;
  const secs = await secretaries(services, staff, 'dd', orgs);
  const projects: { id: string; seed: DeclarationSeed; secretary: RequestContext }[] = [];
  for (const [i, seed] of DANDONG_DECLARATIONS.entries()) {
    const org = orgs[i % orgs.length]!;
    const secretary = secs.get(org.id)!;
    clock.set(at(`2025-02-${String(17 + Math.floor(i / 2)).padStart(2, '0')} 10:00`));
    const p = await createProject(services, secretary, {
      campaignId: campaign.id,
      orgId: org.id,
      content: content(seed, 2025),
    });
    clock.advanceMinutes(90);
    await services.projects.fire(secretary, p.id, 'submit', { version: p.version });
    projects.push({ id: p.id, seed, secretary });
  }
  await holdMeeting(
    services,
    clock,
    staff,
    judge,
    campaign.id,
    {
      title: '全市新兴领域"书记项目"揭榜领题研判会（第一次）',
      date: '2025-03-20',
      decisions: new Map(projects.map((p) => [p.id, p.seed.first])),
    },
    rng,
  );
  const second = new Map<string, ['approve'] | ['return', string] | ['reject', string]>();
  for (const [i, p] of projects.entries()) {
    if (p.seed.first[0] !== 'return' || !p.seed.second) continue;
    clock.set(at(`2025-03-${String(23 + (i % 3)).padStart(2, '0')} 16:00`));
    const current = await services.projects.get(p.secretary, p.id);
    const revised = { ...current.content, ...(p.seed.revise?.measures ? { measures: p.seed.revise.measures } : {}) };
    if (p.seed.revise?.indicators)
      revised.indicators = p.seed.revise.indicators.map(([name, unit, baseline, target, figure]) => ({
        name,
        unit,
        baseline,
        target,
        figure: figure ?? null,
        figureFrom: null,
        figureTo: null,
        figureOrgId: null,
      }));
    const saved = await services.projects.save(
      p.secretary,
      p.id,
      validated(projectSaveBody, { content: revised, version: current.version }),
    );
    await services.projects.fire(p.secretary, p.id, 'resubmit', { version: saved.version });
    second.set(p.id, p.seed.second);
  }
  await holdMeeting(
    services,
    clock,
    staff,
    judge,
    campaign.id,
    {
      title: '全市新兴领域"书记项目"研判会（重新申报）',
      date: '2025-03-28',
      decisions: second,
    },
    rng,
  );
  const approved = [];
  for (const p of projects) if ((await services.projects.get(staff, p.id)).status === 'approved') approved.push(p);
  // The last project has not filed its Q4 report: it shows as overdue.
  await runQuarters(services, clock, staff, approved, 2025, [1, 2, 3, 4], rng, {
    skipLast: approved[approved.length - 1]?.id,
  });
}

/**
 * The title of a project that takes on a board problem: the problem in quotes, unless it already
 * quotes a phrase of its own (党建工作和业务发展"两张皮"), which is then not quoted again.
 */
export const projectTitle = (problem: string) =>
  /["“”]/.test(problem) ? `破解${problem}书记攻坚项目` : `破解"${problem}"书记攻坚项目`;

/** 海阳市: a challenge board → 31 problems claimed and approved; quarterly analysis with ratings and 督办. */
async function seedHaiyang(services: Services, clock: SimulatedClock, hy: SeededLocality) {
  const rng = new Rng(3706);
  const staff = await ctxOf(services, 'hy_staff');
  const judge = await ctxOf(services, 'hy_judge');
  clock.set(at('2025-02-20 09:00'));
  const campaign = await createCampaign(services, staff, {
    orgId: hy.root.id,
    name: '2025年度新兴领域书记攻坚项目',
    year: 2025,
    codePrefix: 'HY',
    eligibleOrgTypes: [
      'two_new_committee',
      'park_committee',
      'industry_committee',
      'composite_committee',
      'general_branch',
      'branch',
      'joint_branch',
    ],
    declareFrom: '2025-03-01',
    declareTo: '2025-04-20',
    reviewDates: ['2025-04-25'],
    contestDate: '2025-12-26',
    description: '坚持问题导向，采取"难题揭榜"方式建立书记攻坚项目，每季度分析、年底比武打擂。',
  });
  const tree = await services.store.repos.partyOrgs.tree({ all: false, orgIds: [hy.root.id] });
  const orgs = [
    ...hy.committees,
    ...tree
      .filter((o) => o.type === 'branch' || o.type === 'joint_branch')
      .map((o) => ({ ...o }) as unknown as PartyOrgView),
  ].slice(0, 31);
  const secs = await secretaries(services, staff, 'hy', orgs);
  // 31 problems are claimed; where there are fewer organisations, committees take a second one.
  const claimants = Array.from({ length: 31 }, (_, i) => orgs[i % orgs.length]!);
  const challenges = [];
  for (const [title, theme, targetGroup, evidence, count, description] of HAIYANG_CHALLENGES) {
    challenges.push(
      await services.challenges.create(
        staff,
        validated(challengeCreateBody, {
          campaignId: campaign.id,
          title,
          description,
          theme,
          targetGroup,
          regionCode: '370687',
          evidence,
          evidenceCount: count,
          claimDeadline: '2025-04-10',
        }),
      ),
    );
  }
  const projects: { id: string; secretary: RequestContext }[] = [];
  for (const [i, org] of claimants.entries()) {
    const secretary = secs.get(org.id)!;
    const challenge = challenges[i]!;
    clock.set(at(`2025-03-${String(3 + Math.floor(i / 2)).padStart(2, '0')} 14:00`));
    const claimed = await services.challenges.claim(
      secretary,
      challenge.id,
      validated(challengeClaimBody, { orgId: org.id, version: challenge.version }),
    );
    const draft = await services.projects.get(secretary, claimed.projectId!);
    const [title, theme, targetGroup] = HAIYANG_CHALLENGES[i]!;
    const seed: DeclarationSeed = {
      title: projectTitle(title),
      theme,
      targetGroup,
      problem: draft.content.problem,
      reach: [rng.int(10, 300), targetGroup === 'new_workers' ? '人' : '家'],
      rationale: '面向全市同类组织和群体，形成一类问题的解决机制。',
      objectives: '年内基本解决该难题，形成制度化做法。',
      measures: HAIYANG_MEASURES[i % HAIYANG_MEASURES.length]!,
      indicators: [
        ['解决问题', '个', 0, rng.int(10, 60)],
        ['覆盖对象', targetGroup === 'new_workers' ? '人' : '家', rng.int(0, 10), rng.int(30, 200)],
      ],
      partners: ['市委社会工作部'],
      fundingWan: rng.int(5, 40),
      first: ['approve'],
    };
    clock.advanceMinutes(60 * 24 * 3);
    const saved = await services.projects.save(
      secretary,
      draft.id,
      validated(projectSaveBody, { content: content(seed, 2025, challenge.id), version: draft.version }),
    );
    await services.projects.fire(secretary, draft.id, 'submit', { version: saved.version });
    projects.push({ id: draft.id, secretary });
  }
  await holdMeeting(
    services,
    clock,
    staff,
    judge,
    campaign.id,
    {
      title: '书记攻坚项目揭榜挂帅研判会',
      date: '2025-04-25',
      decisions: new Map(projects.map((p) => [p.id, ['approve'] as ['approve']])),
    },
    rng,
  );
  await runQuarters(services, clock, staff, projects, 2025, [2, 3, 4], rng, { superviseAtRisk: true });
}

/**
 * 富顺: the 行业党委书记项目 "揭榜挂帅", declared by the 行业党委 named below and approved in March 2025;
 * its four indicators are bound to the visit and demand figures (the records come later in the seed).
 */
export const FUSHUN_PROJECT_ORG = '富顺县纺织服装行业党委';

async function seedFushun(services: Services, clock: SimulatedClock, fs: SeededLocality) {
  const rng = new Rng(5103);
  const staff = await ctxOf(services, 'fs_staff');
  const judge = await ctxOf(services, 'fs_judge');
  const org = fs.committees.find((c) => c.name === FUSHUN_PROJECT_ORG);
  if (!org) return;
  clock.set(at('2025-02-18 09:00'));
  const campaign = await createCampaign(services, staff, {
    orgId: fs.root.id,
    name: '2025年度行业党委书记项目',
    year: 2025,
    codePrefix: 'FS',
    eligibleOrgTypes: ['two_new_committee', 'park_committee', 'industry_committee', 'composite_committee'],
    declareFrom: '2025-02-20',
    declareTo: '2025-03-10',
    reviewDates: ['2025-03-14'],
    contestDate: '2025-12-20',
    description: '行业党委书记揭榜挂帅，指标来自走访和诉求办理记录。',
  });
  // The first committee keeps fs_secretary; the 行业党委's secretary gets an account of their own.
  const lead = fs.committees[0]!;
  const secs = await secretaries(services, staff, 'fs', lead.id === org.id ? [org] : [lead, org]);
  const secretary = secs.get(org.id)!;
  clock.set(at('2025-02-25 10:00'));
  const draft = await createProject(services, secretary, {
    campaignId: campaign.id,
    orgId: org.id,
    content: content(FUSHUN_DECLARATION, 2025),
  });
  clock.advanceMinutes(60 * 24);
  await services.projects.fire(secretary, draft.id, 'submit', { version: draft.version });
  await holdMeeting(
    services,
    clock,
    staff,
    judge,
    campaign.id,
    { title: '行业党委书记项目揭榜挂帅研判会', date: '2025-03-14', decisions: new Map([[draft.id, ['approve']]]) },
    rng,
  );
  // The 行业党委 answers for the county's 揭榜挂帅: staff count its four indicators over the county
  // (the 社工部 node), so the project shows the records of the whole county, as the article does.
  clock.set(at('2025-03-17 09:30'));
  for (const ind of (await services.progress.indicators(staff, draft.id)).items) {
    if (!ind.binding) continue;
    await services.progress.setIndicatorArea(
      staff,
      draft.id,
      ind.id,
      validated(indicatorAreaBody, { orgId: fs.root.id, version: ind.version }),
    );
  }
}

/** What the 富顺 secretary writes each quarter (the bound indicators are read from the records). */
const FUSHUN_QUARTERS: Record<number, { progress: string; crux: string; next: string }> = {
  1: {
    progress: '书记揭榜后召开启动会，专员分片建立企业走访清单，首批走访企业并登记诉求。',
    crux: '部分企业对线上走访表单不熟悉，诉求描述不够具体。',
    next: '开展集中调研月，逐户讲解诉求登记和评价方式。',
  },
  2: {
    progress: '集中调研月覆盖主要园区，要素保障类诉求按类别分办，多件用地、融资诉求办结。',
    crux: '历史遗留问题涉及多个部门，牵头单位不够明确。',
    next: '对历史遗留问题逐件明确主办协办部门，召开政企咖啡坐。',
  },
  3: {
    progress: '政企咖啡坐现场解决一批诉求，历史遗留问题专班逐件推进，超期诉求提级督办。',
    crux: '个别诉求企业评价为不满意，需重新办理。',
    next: '对不满意诉求回访重办，推动剩余历史遗留问题化解。',
  },
  4: {
    progress: '全年走访企业、解决问题和要素保障、历史遗留问题化解全部由走访和诉求记录统计，目标任务基本完成。',
    crux: '少量诉求仍在办理中，需纳入下年度持续跟踪。',
    next: '总结一企一专员和接诉即办做法，形成长效机制。',
  },
};

/**
 * 富顺's project files its 2025 quarterly reports after the visits and demands are in (seed-runner
 * calls this after them): each report reads the bound indicators up to its quarter's end and keeps
 * them as filed; staff rate each one. Through the services, under a simulated clock.
 */
export async function seedFushunReports(services: Services, localities: SeededLocality[]) {
  const fs = localities.find((l) => l.key === 'fs');
  const org = fs?.committees.find((c) => c.name === FUSHUN_PROJECT_ORG);
  if (!fs || !org) return;
  const clock = new SimulatedClock('2025-03-31T02:00:00Z');
  await runWithClock(clock.now, async () => {
    const staff = await ctxOf(services, 'fs_staff');
    const page = await services.projects.list(staff, validated(projectListQuery, { status: 'approved', limit: 100 }));
    const item = page.items.find((p) => p.code === 'FS-2025-001');
    if (!item) return;
    // The declaring secretary's account, as `secretaries` named it in seedFushun.
    const secretary = await ctxOf(services, fs.committees[0]!.id === org.id ? 'fs_secretary' : 'fs_sec_02');
    const pending = (await services.quarterlyReports.list(staff, item.id)).items.filter(
      (r) => r.year === 2025 && r.status === 'pending',
    );
    for (const r of pending) {
      const due = quarterDueDate({ year: 2025, quarter: r.quarter as 1 | 2 | 3 | 4 });
      clock.set(at(`${addDays(due, -3)} 10:00`));
      const t = FUSHUN_QUARTERS[r.quarter]!;
      await services.quarterlyReports.file(
        secretary,
        item.id,
        validated(quarterlyReportBody, {
          year: 2025,
          quarter: r.quarter,
          progress: t.progress,
          crux: t.crux,
          nextPlan: t.next,
          indicatorValues: [],
          attachmentIds: [],
        }),
      );
      clock.set(at(`${addDays(due, 2)} 15:00`));
      const filed = (await services.quarterlyReports.list(staff, item.id)).items.find((x) => x.id === r.id)!;
      await services.quarterlyReports.rate(
        staff,
        r.id,
        validated(reportRateBody, {
          rating: 'on_track',
          comment: r.quarter === 4 ? '全年目标完成，数据来自走访和诉求记录。' : '进展顺利，走访和诉求办理按计划推进。',
          version: filed.version,
        }),
      );
    }
  });
}

/** Replays 2025 for 丹东 and 海阳 under a simulated clock, through the same services as users. */
export async function seedProjectDemo(services: Services, localities: SeededLocality[]) {
  const clock = new SimulatedClock('2025-02-01T01:00:00Z');
  await runWithClock(clock.now, async () => {
    await seedDandong(
      services,
      clock,
      localities.find((l) => l.key === 'dd')!,
    );
    await seedHaiyang(
      services,
      clock,
      localities.find((l) => l.key === 'hy')!,
    );
    const fs = localities.find((l) => l.key === 'fs');
    if (fs) await seedFushun(services, clock, fs);
  });
}
