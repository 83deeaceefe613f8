import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { Page } from '@touyan/schemas';
import type { Executor } from '../../db/closure';
import { toInt } from '../../db/portability';
import { underScope } from '../../db/scope-sql';
import { changedOne, pageByIdDesc, updateBumping, updateVersioned } from '../../db/repo-helpers';
import type { DB, ReviewItemsTable, ReviewMeetingsTable } from '../../db/types';
import { newId } from '../../core/ids';
import { nowIso } from '../../core/time';
import type { MeetingScope } from './reviews.policy';

export type MeetingRow = Selectable<ReviewMeetingsTable> & {
  campaignName: string;
  campaignOrgId: string;
  campaignOrgName: string;
  chairName: string;
};

export type MeetingListRow = MeetingRow & {
  itemCount: number;
  decidedCount: number;
  reviewerCount: number;
  judgedByMe: number;
  isReviewer: boolean;
};

export type ItemRow = Selectable<ReviewItemsTable> & {
  projectTitle: string;
  projectStatus: string;
  projectCode: string | null;
  campaignId: string;
  orgName: string;
  regionName: string;
  secretaryName: string;
  submittedAt: string | null;
  /** The content of the version on the agenda (JSON), or the project's current content. */
  content: string;
  theme: string;
  decidedByName: string | null;
};

export interface JudgementRow {
  id: string;
  itemId: string;
  reviewerId: string;
  reviewerName: string;
  scores: Record<string, number>;
  comment: string | null;
  at: string;
}

export type ProjectItemRow = Selectable<ReviewItemsTable> & {
  meetingTitle: string;
  meetingDate: string;
  place: string;
  status: string;
  closedAt: string | null;
  campaignId: string;
  campaignOrgId: string;
  chairUserId: string;
};

/** The scope condition for meetings: campaign owner in the managed subtrees, or assigned to the user. */
function scopeCondition(scope: MeetingScope) {
  const parts = [underScope('c.orgId', scope.managed)];
  if (scope.assignedUserId) {
    parts.push(sql<boolean>`${sql.ref('m.chairUserId')} = ${scope.assignedUserId}`);
    parts.push(
      sql<boolean>`exists (select 1 from review_meeting_reviewers rr where rr.meeting_id = ${sql.ref('m.id')} and rr.user_id = ${scope.assignedUserId})`,
    );
  }
  return parts.length === 1 ? parts[0]! : sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

/** The guard of every change to a meeting's row: it is still open. */
const open = (eb: ExpressionBuilder<DB, 'reviewMeetings'>) => eb('status', '=', 'open');

type MeetingWrite = Pick<ReviewMeetingsTable, 'title' | 'meetingDate' | 'place' | 'chairUserId' | 'note'>;

/** Review meetings (研判会), their reviewers, agenda items and judgements. */
export class ReviewsRepository {
  constructor(private readonly db: Executor) {}

  private base(scope: MeetingScope) {
    return this.db
      .selectFrom('reviewMeetings as m')
      .innerJoin('campaigns as c', 'c.id', 'm.campaignId')
      .innerJoin('partyOrgs as co', 'co.id', 'c.orgId')
      .innerJoin('users as ch', 'ch.id', 'm.chairUserId')
      .selectAll('m')
      .select(['c.name as campaignName', 'c.orgId as campaignOrgId', 'co.name as campaignOrgName'])
      .select('ch.displayName as chairName')
      .where(scopeCondition(scope));
  }

  async get(scope: MeetingScope, id: string): Promise<MeetingRow | undefined> {
    return (await this.base(scope).where('m.id', '=', id).executeTakeFirst()) as MeetingRow | undefined;
  }

  async list(
    scope: MeetingScope,
    userId: string,
    q: { campaignId?: string; status?: string; limit: number; cursor?: string },
  ): Promise<Page<MeetingListRow>> {
    let query = this.base(scope).select((eb) => [
      eb
        .selectFrom('reviewItems as i')
        .whereRef('i.meetingId', '=', 'm.id')
        .select(eb.fn.countAll().as('n'))
        .as('itemCount'),
      eb
        .selectFrom('reviewItems as i')
        .whereRef('i.meetingId', '=', 'm.id')
        .where('i.decision', 'is not', null)
        .select(eb.fn.countAll().as('n'))
        .as('decidedCount'),
      eb
        .selectFrom('reviewMeetingReviewers as r')
        .whereRef('r.meetingId', '=', 'm.id')
        .select(eb.fn.countAll().as('n'))
        .as('reviewerCount'),
      eb
        .selectFrom('reviewItems as i')
        .innerJoin('reviewJudgements as j', 'j.itemId', 'i.id')
        .whereRef('i.meetingId', '=', 'm.id')
        .where('j.reviewerId', '=', userId)
        .select(eb.fn.countAll().as('n'))
        .as('judgedByMe'),
      eb
        .selectFrom('reviewMeetingReviewers as r')
        .whereRef('r.meetingId', '=', 'm.id')
        .where('r.userId', '=', userId)
        .select(eb.fn.countAll().as('n'))
        .as('isReviewer'),
    ]);
    if (q.campaignId) query = query.where('m.campaignId', '=', q.campaignId);
    if (q.status) query = query.where('m.status', '=', q.status);
    const page = await pageByIdDesc(query, 'm.id', q);
    const items = page.items.map(
      (r) =>
        ({
          ...r,
          itemCount: toInt(r.itemCount),
          decidedCount: toInt(r.decidedCount),
          reviewerCount: toInt(r.reviewerCount),
          judgedByMe: toInt(r.judgedByMe),
          isReviewer: toInt(r.isReviewer) > 0,
        }) as MeetingListRow,
    );
    return { items, nextCursor: page.nextCursor };
  }

  async insert(row: MeetingWrite & { id: string; campaignId: string; createdBy: string | null }) {
    const now = nowIso();
    await this.db
      .insertInto('reviewMeetings')
      .values({ ...row, status: 'open', closedAt: null, createdAt: now, updatedAt: now })
      .execute();
  }

  /** Writes the meeting's own fields if open and at the given version; bumps the version. */
  async update(id: string, version: number, row: MeetingWrite) {
    await updateVersioned(this.db, 'reviewMeetings', { id }, version, row, { guard: open });
  }

  /**
   * Takes the meeting's row lock while it is open (PostgreSQL blocks a concurrent close until this
   * transaction ends), optionally bumping the version. False when it is closed.
   */
  async touchOpen(id: string, bumpVersion: boolean): Promise<boolean> {
    if (bumpVersion) return updateBumping(this.db, 'reviewMeetings', { id }, {}, { guard: open });
    return changedOne(
      this.db
        .updateTable('reviewMeetings')
        .set({ updatedAt: nowIso() })
        .where('id', '=', id)
        .where('status', '=', 'open'),
    );
  }

  /** Closes the meeting if open and at the given version. */
  async close(id: string, version: number) {
    const now = nowIso();
    const closed = { status: 'closed', closedAt: now, updatedAt: now };
    await updateVersioned(this.db, 'reviewMeetings', { id }, version, closed, { guard: open });
  }

  // ——— reviewers ———

  async reviewers(meetingId: string): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom('reviewMeetingReviewers as r')
      .innerJoin('users as u', 'u.id', 'r.userId')
      .select(['u.id', 'u.displayName as name'])
      .where('r.meetingId', '=', meetingId)
      .orderBy('u.displayName')
      .orderBy('u.id')
      .execute();
  }

  async addReviewers(meetingId: string, userIds: readonly string[]) {
    if (userIds.length === 0) return;
    await this.db
      .insertInto('reviewMeetingReviewers')
      .values(userIds.map((userId) => ({ meetingId, userId })))
      .execute();
  }

  async removeReviewers(meetingId: string, userIds: readonly string[]) {
    if (userIds.length === 0) return;
    await this.db
      .deleteFrom('reviewMeetingReviewers')
      .where('meetingId', '=', meetingId)
      .where('userId', 'in', userIds)
      .execute();
  }

  /** Of these users, those who have judged some item of the meeting. */
  async withJudgements(meetingId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('reviewJudgements as j')
      .innerJoin('reviewItems as i', 'i.id', 'j.itemId')
      .select('j.reviewerId')
      .distinct()
      .where('i.meetingId', '=', meetingId)
      .where('j.reviewerId', 'in', userIds)
      .execute();
    return rows.map((r) => r.reviewerId);
  }

  /** Users who may be assigned to review: exist, are not disabled, and hold one of the roles. */
  async assignableUsers(userIds: readonly string[], roles: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('users as u')
      .select(['u.id', 'u.displayName'])
      .where('u.id', 'in', userIds)
      .where('u.disabled', '=', 0)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('roleBindings as b')
            .select('b.id')
            .whereRef('b.userId', '=', 'u.id')
            .where('b.role', 'in', roles),
        ),
      )
      .execute();
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  // ——— agenda ———

  private itemsBase() {
    return this.db
      .selectFrom('reviewItems as i')
      .innerJoin('projects as p', 'p.id', 'i.projectId')
      .innerJoin('partyOrgs as o', 'o.id', 'p.orgId')
      .innerJoin('regions as rg', 'rg.code', 'p.regionCode')
      .leftJoin('projectVersions as v', (j) =>
        j.onRef('v.projectId', '=', 'i.projectId').onRef('v.versionNo', '=', 'i.versionNo'),
      )
      .leftJoin('users as d', 'd.id', 'i.decidedBy')
      .selectAll('i')
      .select([
        'p.title as projectTitle',
        'p.status as projectStatus',
        'p.code as projectCode',
        'p.campaignId',
        'p.theme',
        'o.name as orgName',
        'o.secretaryName',
        'rg.name as regionName',
        'd.displayName as decidedByName',
      ])
      .select([sql<string>`coalesce(${sql.ref('v.content')}, ${sql.ref('p.content')})`.as('content')])
      .select([
        sql<string | null>`coalesce(${sql.ref('v.submittedAt')}, ${sql.ref('p.submittedAt')})`.as('submittedAt'),
      ]);
  }

  async items(meetingId: string): Promise<ItemRow[]> {
    return (await this.itemsBase()
      .where('i.meetingId', '=', meetingId)
      .orderBy('i.position')
      .orderBy('i.id')
      .execute()) as ItemRow[];
  }

  async item(meetingId: string, itemId: string): Promise<ItemRow | undefined> {
    return (await this.itemsBase()
      .where('i.meetingId', '=', meetingId)
      .where('i.id', '=', itemId)
      .executeTakeFirst()) as ItemRow | undefined;
  }

  async nextPosition(meetingId: string): Promise<number> {
    const r = await this.db
      .selectFrom('reviewItems')
      .where('meetingId', '=', meetingId)
      .select((eb) => eb.fn.max('position').as('m'))
      .executeTakeFirst();
    return r?.m === null || r?.m === undefined ? 1 : toInt(r.m) + 1;
  }

  async insertItem(row: { id: string; meetingId: string; projectId: string; versionNo: number; position: number }) {
    await this.db
      .insertInto('reviewItems')
      .values({ ...row, decision: null, decisionNote: null, decidedBy: null, decidedAt: null })
      .execute();
  }

  /** Takes an item off the agenda with its judgements. */
  async deleteItem(itemId: string) {
    await this.db.deleteFrom('reviewJudgements').where('itemId', '=', itemId).execute();
    await this.db.deleteFrom('reviewItems').where('id', '=', itemId).execute();
  }

  async setDecision(itemId: string, decision: string, note: string | null, by: string) {
    await this.db
      .updateTable('reviewItems')
      .set({ decision, decisionNote: note, decidedBy: by, decidedAt: nowIso() })
      .where('id', '=', itemId)
      .execute();
  }

  // ——— judgements ———

  async judgements(itemIds: readonly string[], reviewerId?: string): Promise<JudgementRow[]> {
    if (itemIds.length === 0) return [];
    let q = this.db
      .selectFrom('reviewJudgements as j')
      .innerJoin('users as u', 'u.id', 'j.reviewerId')
      .selectAll('j')
      .select('u.displayName as reviewerName')
      .where('j.itemId', 'in', itemIds);
    if (reviewerId) q = q.where('j.reviewerId', '=', reviewerId);
    const rows = await q.orderBy('u.displayName').orderBy('j.id').execute();
    return rows.map((r) => ({ ...r, scores: JSON.parse(r.scores) as Record<string, number> }));
  }

  /** How many judgements each item has. */
  async judgementCounts(itemIds: readonly string[]): Promise<Map<string, number>> {
    if (itemIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('reviewJudgements')
      .select(['itemId', (eb) => eb.fn.countAll().as('n')])
      .where('itemId', 'in', itemIds)
      .groupBy('itemId')
      .execute();
    return new Map(rows.map((r) => [r.itemId, toInt(r.n)]));
  }

  async judgementOf(itemId: string, reviewerId: string): Promise<JudgementRow | undefined> {
    return (await this.judgements([itemId], reviewerId))[0];
  }

  /** Records or replaces the reviewer's judgement of an item. */
  async upsertJudgement(itemId: string, reviewerId: string, scores: Record<string, number>, comment: string | null) {
    const at = nowIso();
    await this.db
      .insertInto('reviewJudgements')
      .values({ id: newId(), itemId, reviewerId, scores: JSON.stringify(scores), comment, at })
      .onConflict((oc) =>
        oc.columns(['itemId', 'reviewerId']).doUpdateSet({ scores: JSON.stringify(scores), comment, at }),
      )
      .execute();
  }

  // ——— by project ———

  /** Every agenda item of a project, newest meeting first. */
  async itemsOfProject(projectId: string): Promise<ProjectItemRow[]> {
    return this.db
      .selectFrom('reviewItems as i')
      .innerJoin('reviewMeetings as m', 'm.id', 'i.meetingId')
      .innerJoin('campaigns as c', 'c.id', 'm.campaignId')
      .selectAll('i')
      .select([
        'm.title as meetingTitle',
        'm.meetingDate',
        'm.place',
        'm.status',
        'm.closedAt',
        'm.campaignId',
        'm.chairUserId',
        'c.orgId as campaignOrgId',
      ])
      .where('i.projectId', '=', projectId)
      .orderBy('m.meetingDate', 'desc')
      .orderBy('m.id', 'desc')
      .execute();
  }

  /** Of these meetings, those the scope reaches. */
  async visibleIds(scope: MeetingScope, meetingIds: readonly string[]): Promise<Set<string>> {
    if (meetingIds.length === 0) return new Set();
    const rows = await this.base(scope).clearSelect().select('m.id').where('m.id', 'in', meetingIds).execute();
    return new Set(rows.map((r) => r.id));
  }
}
