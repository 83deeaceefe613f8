import {
  declarationContentSchema,
  DECISIONS,
  type AgendaDeclaration,
  type AgendaItemView,
  type Decision,
  type DecisionBody,
  type FieldChange,
  type JudgementBody,
  type JudgementView,
  type MeetingCreateBody,
  type MeetingListItem,
  type MeetingStatus,
  type MeetingUpdateBody,
  type MeetingView,
  type Page,
  type ProjectReviewView,
  type ProjectStatus,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { auditCtx, diffFields } from '../../core/audit';
import { AppError, conflict, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Store } from '../../store';
import type { CampaignRecord } from '../campaigns/campaigns.types';
import { NotificationsService } from '../notifications/notifications.service';
import type { ProjectDecisions, ProjectsService } from '../projects/projects.service';
import {
  averagesOf,
  meetingAbilities,
  meetingManageScope,
  meetingPolicy,
  meetingReadScope,
  REVIEWER_ROLES,
  scoreProblems,
  seesAll,
  standingOf,
  type MeetingFacts,
  type MeetingStanding,
} from './reviews.policy';
import type { ItemRow, JudgementRow, MeetingRow } from './reviews.repository';

/** The repositories this service declares: it is given `store.view(…)` of exactly these (services.ts). */
export type ReviewsStore = Store<
  'audit' | 'campaigns' | 'notifications' | 'partyOrgs' | 'progress' | 'projects' | 'reports' | 'reviews'
>;
type ReviewsRepos = ReviewsStore['repos'];

/** A meeting as loaded for one request: the row, its reviewers, and how the caller stands towards it. */
interface Loaded {
  m: MeetingRow;
  reviewers: { id: string; name: string }[];
  standing: MeetingStanding;
  /** What reviews.policy decides on. */
  facts: MeetingFacts;
}

const AUDITED = ['title', 'meetingDate', 'place', 'chairName', 'reviewers', 'note'] as const;

function parseDeclaration(json: string, campaign: CampaignRecord | undefined, theme: string): AgendaDeclaration {
  const parsed = declarationContentSchema.safeParse(JSON.parse(json));
  const c = parsed.success ? parsed.data : declarationContentSchema.parse({ title: '—' });
  return {
    themeName: campaign?.themes.find((t) => t.code === (c.theme || theme))?.name ?? (c.theme || theme),
    targetGroup: c.targetGroup,
    problem: c.problem,
    objectives: c.objectives,
    measures: c.measures,
    reachCount: c.reachCount,
    reachUnit: c.reachUnit,
    reachRationale: c.reachRationale,
    // The reviewers' sheet shows what is measured; a figure binding is the project's own concern.
    indicators: c.indicators.map(({ name, unit, baseline, target }) => ({ name, unit, baseline, target })),
    fundingFen: c.fundingFen,
  };
}

const toJudgementView = (j: JudgementRow): JudgementView => ({
  reviewerId: j.reviewerId,
  reviewerName: j.reviewerName,
  scores: j.scores,
  comment: j.comment,
  at: j.at,
});

/**
 * Review meetings (研判会): staff of the campaign set up the meeting and its agenda of submitted
 * declarations; assigned reviewers judge each item against the campaign's criteria; the chair (or
 * staff) decides; closing applies every decision in one transaction and locks the meeting.
 */
export class ReviewsService {
  constructor(
    private readonly store: ReviewsStore,
    private readonly projects: ProjectsService,
    private readonly decisions: ProjectDecisions,
  ) {}

  // ——— loading and views ———

  private async isManager(repos: ReviewsRepos, ctx: RequestContext, campaignOrgId: string): Promise<boolean> {
    const s = meetingManageScope(ctx.actor);
    if (s.all) return true;
    return s.orgIds.length > 0 && repos.partyOrgs.inScope(s, campaignOrgId);
  }

  /** The meeting if the caller reaches it (404 otherwise), with the caller's standing. */
  private async load(repos: ReviewsRepos, ctx: RequestContext, id: string): Promise<Loaded> {
    const m = await repos.reviews.get(meetingReadScope(ctx.actor), id);
    if (!m) throw notFound();
    const reviewers = await repos.reviews.reviewers(id);
    const manager = await this.isManager(repos, ctx, m.campaignOrgId);
    const standing = standingOf(
      ctx.actor,
      m,
      reviewers.map((r) => r.id),
      manager,
    );
    return { m, reviewers, standing, facts: { standing, status: m.status as MeetingStatus } };
  }

  /** Refuses changes to a closed meeting and holds its row while this transaction changes it. */
  private async lockOpen(repos: ReviewsRepos, m: MeetingRow, bumpVersion: boolean) {
    if (m.status !== 'open' || !(await repos.reviews.touchOpen(m.id, bumpVersion))) {
      throw new AppError('MEETING_CLOSED');
    }
  }

  private async campaign(repos: ReviewsRepos, id: string): Promise<CampaignRecord> {
    const c = await repos.campaigns.get({ all: true }, id);
    if (!c) throw notFound();
    return c;
  }

  private itemView(
    row: ItemRow,
    campaign: CampaignRecord,
    judgements: JudgementRow[],
    showDecision: boolean,
    judgementCount: number | null,
  ): AgendaItemView {
    const shown = judgements.map(toJudgementView);
    const { averages, overall } = averagesOf(campaign.criteria, shown);
    return {
      id: row.id,
      position: row.position,
      projectId: row.projectId,
      projectTitle: row.projectTitle,
      projectStatus: row.projectStatus as ProjectStatus,
      orgName: row.orgName,
      regionName: row.regionName,
      secretaryName: row.secretaryName,
      submittedAt: row.submittedAt,
      versionNo: row.versionNo,
      declaration: parseDeclaration(row.content, campaign, row.theme),
      judgements: shown,
      averages,
      overall,
      judgementCount,
      decision: showDecision ? (row.decision as Decision | null) : null,
      decisionNote: showDecision ? row.decisionNote : null,
      decidedByName: showDecision ? row.decidedByName : null,
      decidedAt: showDecision ? row.decidedAt : null,
      projectCode: row.projectCode,
    };
  }

  private async view(repos: ReviewsRepos, ctx: RequestContext, loaded: Loaded): Promise<MeetingView> {
    const { m, reviewers, standing } = loaded;
    const campaign = await this.campaign(repos, m.campaignId);
    const items = await repos.reviews.items(m.id);
    const ids = items.map((i) => i.id);
    const all = seesAll(standing);
    const judgements = all
      ? await repos.reviews.judgements(ids)
      : standing.reviewer
        ? await repos.reviews.judgements(ids, ctx.actor.userId)
        : [];
    const counts = all ? await repos.reviews.judgementCounts(ids) : null;
    const status = m.status as MeetingStatus;
    const showDecision = all || status === 'closed';
    return {
      id: m.id,
      campaignId: m.campaignId,
      campaignName: m.campaignName,
      campaignOrgName: m.campaignOrgName,
      title: m.title,
      meetingDate: m.meetingDate,
      place: m.place,
      chairUserId: m.chairUserId,
      chairName: m.chairName,
      reviewers,
      note: m.note,
      status,
      closedAt: m.closedAt,
      criteria: campaign.criteria,
      items: items.map((i) =>
        this.itemView(
          i,
          campaign,
          judgements.filter((j) => j.itemId === i.id),
          showDecision,
          counts ? (counts.get(i.id) ?? 0) : null,
        ),
      ),
      version: m.version,
      createdAt: m.createdAt,
      abilities: meetingAbilities(ctx.actor, standing, status),
    };
  }

  async list(
    ctx: RequestContext,
    q: { campaignId?: string; status?: MeetingStatus; limit: number; cursor?: string },
  ): Promise<Page<MeetingListItem>> {
    const repos = this.store.repos;
    const { items: rows, nextCursor } = await repos.reviews.list(meetingReadScope(ctx.actor), ctx.actor.userId, q);
    const managerOf = new Map<string, boolean>();
    const items: MeetingListItem[] = [];
    for (const r of rows) {
      if (!managerOf.has(r.campaignOrgId)) {
        managerOf.set(r.campaignOrgId, await this.isManager(repos, ctx, r.campaignOrgId));
      }
      const standing: MeetingStanding = {
        manager: managerOf.get(r.campaignOrgId)!,
        chair: r.chairUserId === ctx.actor.userId,
        reviewer: r.isReviewer,
      };
      items.push({
        id: r.id,
        campaignId: r.campaignId,
        campaignName: r.campaignName,
        title: r.title,
        meetingDate: r.meetingDate,
        place: r.place,
        chairName: r.chairName,
        reviewerCount: r.reviewerCount,
        status: r.status as MeetingStatus,
        itemCount: r.itemCount,
        decidedCount: seesAll(standing) || r.status === 'closed' ? r.decidedCount : 0,
        judgedByMe: r.isReviewer ? r.judgedByMe : null,
        abilities: meetingAbilities(ctx.actor, standing, r.status as MeetingStatus),
      });
    }
    return { items, nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<MeetingView> {
    const repos = this.store.repos;
    return this.view(repos, ctx, await this.load(repos, ctx, id));
  }

  /** The meeting with every judgement, for the minutes: staff of the campaign and the chair only. */
  async minutes(ctx: RequestContext, id: string): Promise<MeetingView> {
    const repos = this.store.repos;
    const loaded = await this.load(repos, ctx, id);
    meetingPolicy.authorize(ctx.actor, 'minutes', loaded.facts);
    return this.view(repos, ctx, loaded);
  }

  // ——— the meeting itself ———

  /** The campaign, if the caller manages it (its 社工部 node is in their staff subtree) and it is published. */
  private async managedCampaign(repos: ReviewsRepos, ctx: RequestContext, campaignId: string): Promise<CampaignRecord> {
    const scope = meetingManageScope(ctx.actor);
    const c = await repos.campaigns.get(scope, campaignId);
    if (!c || !(await this.isManager(repos, ctx, c.orgId))) {
      throw new AppError('VALIDATION_FAILED', { campaignId: 'invalid' });
    }
    if (c.status !== 'published') throw new AppError('CAMPAIGN_NOT_OPEN');
    return c;
  }

  /**
   * The reviewers to assign (the chair always among them): every one must exist, be active and
   * hold a role that may judge.
   */
  private async people(repos: ReviewsRepos, body: MeetingCreateBody | MeetingUpdateBody): Promise<Map<string, string>> {
    const wanted = [...new Set([...body.reviewerIds, body.chairUserId])];
    const found = await repos.reviews.assignableUsers(wanted, REVIEWER_ROLES);
    const fields: Record<string, string> = {};
    body.reviewerIds.forEach((uid, i) => {
      if (!found.has(uid)) fields[`reviewerIds.${i}`] = 'invalid';
    });
    if (!found.has(body.chairUserId)) fields.chairUserId = 'invalid';
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
    // Keep the order given: the chair first when not listed.
    const ordered = new Map<string, string>();
    if (!body.reviewerIds.includes(body.chairUserId)) ordered.set(body.chairUserId, found.get(body.chairUserId)!);
    for (const uid of body.reviewerIds) ordered.set(uid, found.get(uid)!);
    return ordered;
  }

  private notifyAssigned(
    repos: ReviewsRepos,
    ctx: RequestContext,
    userIds: string[],
    m: { id: string; title: string; meetingDate: string; place: string },
  ) {
    const to = userIds.filter((u) => u !== ctx.actor.userId);
    if (to.length === 0) return Promise.resolve(0);
    return NotificationsService.send(repos, to, {
      kind: 'review_assigned',
      title: `研判会评审任务：${m.title}`,
      body: `${m.meetingDate} 在${m.place}召开，请按研判要点对议题逐项评审。`,
      link: `/reviews/${m.id}`,
      dedupeKey: `review_assigned:${m.id}`,
    });
  }

  private snapshot(
    m: Pick<MeetingRow, 'title' | 'meetingDate' | 'place' | 'note'>,
    chairName: string,
    names: string[],
  ) {
    return {
      title: m.title,
      meetingDate: m.meetingDate,
      place: m.place,
      chairName,
      reviewers: names.join('、'),
      note: m.note,
    };
  }

  async create(ctx: RequestContext, body: MeetingCreateBody): Promise<MeetingView> {
    const id = newId();
    await this.store.tx(async (repos) => {
      const campaign = await this.managedCampaign(repos, ctx, body.campaignId);
      const people = await this.people(repos, body);
      const row = {
        title: body.title,
        meetingDate: body.meetingDate,
        place: body.place,
        chairUserId: body.chairUserId,
        note: body.note,
      };
      await repos.reviews.insert({ id, campaignId: campaign.id, createdBy: ctx.actor.userId, ...row });
      await repos.reviews.addReviewers(id, [...people.keys()]);
      await repos.audit.record(auditCtx(ctx), {
        action: 'create',
        entityType: 'review_meeting',
        entityId: id,
        entityLabel: body.title,
        scopeOrgId: campaign.orgId,
        changes: diffFields(null, this.snapshot(row, people.get(body.chairUserId)!, [...people.values()]), AUDITED),
      });
      await this.notifyAssigned(repos, ctx, [...people.keys()], { id, ...row });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: MeetingUpdateBody): Promise<MeetingView> {
    await this.store.tx(async (repos) => {
      const { m, reviewers, facts } = await this.load(repos, ctx, id);
      meetingPolicy.authorize(ctx.actor, 'update', facts);
      const people = await this.people(repos, body);
      const before = new Set(reviewers.map((r) => r.id));
      const added = [...people.keys()].filter((u) => !before.has(u));
      const removed = [...before].filter((u) => !people.has(u));
      const judged = await repos.reviews.withJudgements(id, removed);
      if (judged.length) {
        const names = reviewers.filter((r) => judged.includes(r.id)).map((r) => r.name);
        throw new AppError('VALIDATION_FAILED', {
          reviewerIds:
            ctx.locale === 'en'
              ? `${names.join(', ')} already judged some items and cannot be removed`
              : `${names.join('、')}已提交评审意见，不能移出`,
        });
      }
      const row = {
        title: body.title,
        meetingDate: body.meetingDate,
        place: body.place,
        chairUserId: body.chairUserId,
        note: body.note,
      };
      await repos.reviews.update(id, body.version, row);
      await repos.reviews.removeReviewers(id, removed);
      await repos.reviews.addReviewers(id, added);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'review_meeting',
        entityId: id,
        entityLabel: body.title,
        scopeOrgId: m.campaignOrgId,
        changes: diffFields(
          this.snapshot(
            m,
            m.chairName,
            reviewers.map((r) => r.name),
          ),
          this.snapshot(row, people.get(body.chairUserId)!, [...people.values()]),
          AUDITED,
        ),
      });
      await this.notifyAssigned(repos, ctx, added, { id, ...row });
    });
    return this.get(ctx, id);
  }

  // ——— the agenda ———

  /** Puts submitted declarations of the meeting's campaign on the agenda (they move to 研判中). */
  async addItems(ctx: RequestContext, id: string, body: { projectIds: string[] }): Promise<MeetingView> {
    await this.store.tx(async (repos) => {
      const { m, facts } = await this.load(repos, ctx, id);
      meetingPolicy.authorize(ctx.actor, 'addItems', facts);
      await this.lockOpen(repos, m, true);
      const ids = [...new Set(body.projectIds)];
      const fields: Record<string, string> = {};
      const notSubmitted: Record<string, string> = {};
      const rows = [];
      for (const pid of ids) {
        const row = await this.projects.row(repos, ctx, pid).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'NOT_FOUND') return undefined;
          throw e;
        });
        const at = `projectIds.${body.projectIds.indexOf(pid)}`;
        if (!row || row.campaignId !== m.campaignId) fields[at] = 'invalid';
        else if (row.status !== 'submitted') {
          notSubmitted[at] =
            ctx.locale === 'en' ? `“${row.title}” is not awaiting review` : `“${row.title}”不是待研判的已申报项目`;
        } else rows.push(row);
      }
      if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
      if (Object.keys(notSubmitted).length) throw new AppError('INVALID_TRANSITION', notSubmitted);
      let position = await repos.reviews.nextPosition(id);
      for (const row of rows) {
        await this.projects.transition(repos, ctx, row, 'schedule', ['staff'], { reason: m.title });
        await repos.reviews.insertItem({
          id: newId(),
          meetingId: id,
          projectId: row.id,
          versionNo: row.versionNo,
          position: position++,
        });
      }
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'review_meeting',
        entityId: id,
        entityLabel: m.title,
        scopeOrgId: m.campaignOrgId,
        changes: [{ field: 'agenda', before: null, after: rows.map((r) => r.title).join('、') }],
      });
    });
    return this.get(ctx, id);
  }

  /** Takes a declaration off the agenda before the meeting closes (it returns to 已申报). */
  async removeItem(ctx: RequestContext, id: string, itemId: string): Promise<MeetingView> {
    await this.store.tx(async (repos) => {
      const { m, facts } = await this.load(repos, ctx, id);
      meetingPolicy.authorize(ctx.actor, 'removeItems', facts);
      await this.lockOpen(repos, m, true);
      const item = await repos.reviews.item(id, itemId);
      if (!item) throw notFound();
      const row = await this.projects.row(repos, ctx, item.projectId);
      await repos.reviews.deleteItem(itemId);
      await this.projects.transition(repos, ctx, row, 'unschedule', ['staff'], { reason: m.title });
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'review_meeting',
        entityId: id,
        entityLabel: m.title,
        scopeOrgId: m.campaignOrgId,
        changes: [{ field: 'agenda', before: item.projectTitle, after: null }],
      });
    });
    return this.get(ctx, id);
  }

  // ——— judging and deciding ———

  /** The caller's own judgement of one item: a 1–5 score for every criterion of the campaign, and a comment. */
  async judge(ctx: RequestContext, id: string, itemId: string, body: JudgementBody): Promise<MeetingView> {
    await this.store.tx(async (repos) => {
      const { m, standing } = await this.load(repos, ctx, id);
      if (m.status !== 'open') throw new AppError('MEETING_CLOSED');
      if (!standing.reviewer) throw new AppError('NOT_ASSIGNED');
      await this.lockOpen(repos, m, false);
      const item = await repos.reviews.item(id, itemId);
      if (!item) throw notFound();
      const campaign = await this.campaign(repos, m.campaignId);
      const problems = scoreProblems(campaign.criteria, body.scores);
      if (Object.keys(problems).length) throw new AppError('VALIDATION_FAILED', problems);
      const scores = Object.fromEntries(campaign.criteria.map((c) => [c.code, body.scores[c.code]!]));
      const before = await repos.reviews.judgementOf(itemId, ctx.actor.userId);
      await repos.reviews.upsertJudgement(itemId, ctx.actor.userId, scores, body.comment);
      const changes: FieldChange[] = [];
      for (const c of campaign.criteria) {
        if (before?.scores[c.code] !== scores[c.code]) {
          changes.push({ field: `score.${c.code}`, before: before?.scores[c.code] ?? null, after: scores[c.code] });
        }
      }
      if ((before?.comment ?? null) !== body.comment) {
        changes.push({ field: 'comment', before: before?.comment ?? null, after: body.comment });
      }
      await repos.audit.record(auditCtx(ctx), {
        action: before ? 'update' : 'create',
        entityType: 'review_meeting',
        entityId: id,
        entityLabel: `${m.title}｜${item.projectTitle}`,
        scopeOrgId: m.campaignOrgId,
        changes,
      });
    });
    return this.get(ctx, id);
  }

  /** The chair's (or staff's) decision on one item; it takes effect when the meeting closes. */
  async decide(ctx: RequestContext, id: string, itemId: string, body: DecisionBody): Promise<MeetingView> {
    await this.store.tx(async (repos) => {
      const { m, facts } = await this.load(repos, ctx, id);
      // A closed meeting answers MEETING_CLOSED to anyone, before who may decide.
      if (m.status !== 'open') throw new AppError('MEETING_CLOSED');
      meetingPolicy.authorize(ctx.actor, 'decide', facts);
      await this.lockOpen(repos, m, true);
      const item = await repos.reviews.item(id, itemId);
      if (!item) throw notFound();
      const note = body.decision === 'approve' ? body.note : body.note!.trim();
      await repos.reviews.setDecision(itemId, body.decision, note, ctx.actor.userId);
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'review_meeting',
        entityId: id,
        entityLabel: `${m.title}｜${item.projectTitle}`,
        scopeOrgId: m.campaignOrgId,
        changes: diffFields(
          { decision: item.decision, decisionNote: item.decisionNote },
          { decision: body.decision, decisionNote: note },
          ['decision', 'decisionNote'],
        ),
      });
    });
    return this.get(ctx, id);
  }

  /**
   * Closes the meeting in one transaction: every item must be decided; each decision is applied
   * to its project (code on approval, the secretary notified); the meeting locks.
   */
  async close(ctx: RequestContext, id: string, body: { version: number }): Promise<MeetingView> {
    await this.store.tx(async (repos) => {
      const { m, facts } = await this.load(repos, ctx, id);
      meetingPolicy.authorize(ctx.actor, 'close', facts);
      if (m.version !== body.version) throw conflict();
      // The status change first: it holds the row, so no decision changes underneath us.
      await repos.reviews.close(id, body.version);
      const items = await repos.reviews.items(id);
      if (items.some((i) => !i.decision)) throw new AppError('MEETING_UNDECIDED');
      const outcome: string[] = [];
      for (const i of items) {
        const decision = i.decision as Decision;
        const code = await this.decisions.apply(repos, ctx, i.projectId, decision, i.decisionNote);
        outcome.push(`${i.projectTitle}：${DECISIONS[decision]['zh-CN']}${code ? `（${code}）` : ''}`);
      }
      await repos.audit.record(auditCtx(ctx), {
        action: 'update',
        entityType: 'review_meeting',
        entityId: id,
        entityLabel: m.title,
        scopeOrgId: m.campaignOrgId,
        changes: [
          { field: 'status', before: 'open', after: 'closed' },
          ...(outcome.length ? [{ field: 'decisions', before: null, after: outcome.join('；') }] : []),
        ],
      });
    });
    return this.get(ctx, id);
  }

  // ——— the project page ———

  /**
   * The reviews of one project the caller may see: meetings they reach show what the meeting page
   * shows; otherwise only the published decision once the meeting has closed.
   */
  async forProject(ctx: RequestContext, projectId: string): Promise<{ items: ProjectReviewView[] }> {
    const repos = this.store.repos;
    await this.projects.row(repos, ctx, projectId);
    const rows = await repos.reviews.itemsOfProject(projectId);
    const visible = ctx.actor.permissions.has('review.read')
      ? await repos.reviews.visibleIds(
          meetingReadScope(ctx.actor),
          rows.map((r) => r.meetingId),
        )
      : new Set<string>();
    const out: ProjectReviewView[] = [];
    for (const r of rows) {
      const campaign = await this.campaign(repos, r.campaignId);
      const canOpen = visible.has(r.meetingId);
      let standing: MeetingStanding = { manager: false, chair: false, reviewer: false };
      if (canOpen) {
        const reviewers = await repos.reviews.reviewers(r.meetingId);
        standing = standingOf(
          ctx.actor,
          r,
          reviewers.map((x) => x.id),
          await this.isManager(repos, ctx, r.campaignOrgId),
        );
      }
      const all = seesAll(standing);
      const judgements = all
        ? await repos.reviews.judgements([r.id])
        : standing.reviewer
          ? await repos.reviews.judgements([r.id], ctx.actor.userId)
          : [];
      const shown = judgements.map(toJudgementView);
      const { averages, overall } = averagesOf(campaign.criteria, shown);
      const showDecision = all || r.status === 'closed';
      out.push({
        itemId: r.id,
        meetingId: r.meetingId,
        meetingTitle: r.meetingTitle,
        meetingDate: r.meetingDate,
        place: r.place,
        status: r.status as MeetingStatus,
        closedAt: r.closedAt,
        versionNo: r.versionNo,
        criteria: campaign.criteria,
        judgements: shown,
        averages,
        overall,
        decision: showDecision ? (r.decision as Decision | null) : null,
        decisionNote: showDecision ? r.decisionNote : null,
        canOpen,
      });
    }
    return { items: out };
  }
}
