import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA, type Role } from '@touyan/schemas';
import { makeActor } from '../../core/actor';
import {
  averagesOf,
  meetingAbilities,
  meetingManageScope,
  meetingReadScope,
  REVIEWER_ROLES,
  scoreProblems,
  standingOf,
} from './reviews.policy';

const actor = (role: Role, id = `u_${role}_000001`) =>
  makeActor({ id, username: role, displayName: role }, [
    { id: `b_${role}`, role, orgId: role === 'admin' ? null : 'org_county_a', hostOrgId: null },
  ]);

describe('review meeting scope', () => {
  it('gives the administrator every meeting, staff their subtree, judges only their assignments', () => {
    expect(meetingReadScope(actor('admin'))).toEqual({ managed: { all: true }, assignedUserId: null });
    expect(meetingReadScope(actor('staff', 'u_staff'))).toEqual({
      managed: { all: false, orgIds: ['org_county_a'] },
      assignedUserId: 'u_staff',
    });
    expect(meetingReadScope(actor('judge', 'u_judge'))).toEqual({
      managed: { all: false, orgIds: [] },
      assignedUserId: 'u_judge',
    });
    expect(meetingManageScope(actor('secretary'))).toEqual({ all: false, orgIds: [] });
  });

  it('lets admin, staff and judges be reviewers, nobody else', () => {
    expect([...REVIEWER_ROLES].sort()).toEqual(['admin', 'judge', 'staff']);
  });
});

describe('abilities on a meeting', () => {
  const m = { chairUserId: 'u_chair' };
  it('gives staff of the campaign the agenda, the decisions and the minutes while open', () => {
    const staff = actor('staff', 'u_staff');
    const s = standingOf(staff, m, ['u_chair', 'u_judge'], true);
    expect(meetingAbilities(staff, s, 'open')).toEqual([
      'update',
      'addItems',
      'removeItems',
      'decide',
      'close',
      'seeAll',
      'minutes',
    ]);
    expect(meetingAbilities(staff, s, 'closed')).toEqual(['seeAll', 'minutes']);
  });

  it('gives the chair judging and deciding, a plain reviewer only judging', () => {
    const chair = actor('judge', 'u_chair');
    expect(meetingAbilities(chair, standingOf(chair, m, ['u_chair', 'u_judge'], false), 'open')).toEqual([
      'judge',
      'decide',
      'close',
      'seeAll',
      'minutes',
    ]);
    const judge = actor('judge', 'u_judge');
    const plain = standingOf(judge, m, ['u_chair', 'u_judge'], false);
    expect(meetingAbilities(judge, plain, 'open')).toEqual(['judge']);
    expect(meetingAbilities(judge, plain, 'closed')).toEqual([]);
  });
});

describe('scores against the criteria', () => {
  const full = { overall: 5, operable: 4, focus: 3, innovative: 2, measurable: 1 };
  it('accepts one 1–5 score per criterion', () => {
    expect(scoreProblems(DEFAULT_CRITERIA, full)).toEqual({});
  });
  it('names missing, unknown and out-of-range scores', () => {
    const { focus: _, ...four } = full;
    expect(scoreProblems(DEFAULT_CRITERIA, four)).toEqual({ 'scores.focus': 'required' });
    expect(scoreProblems(DEFAULT_CRITERIA, { ...full, style: 3 })).toEqual({ 'scores.style': 'invalid' });
    expect(scoreProblems(DEFAULT_CRITERIA, { ...full, overall: 6, operable: 2.5 })).toEqual({
      'scores.overall': 'invalid',
      'scores.operable': 'invalid',
    });
  });
  it('follows a campaign that configured its own criteria', () => {
    expect(scoreProblems([{ code: 'impact' }], { impact: 3 })).toEqual({});
    expect(scoreProblems([{ code: 'impact' }], full)).toMatchObject({ 'scores.impact': 'required' });
  });
});

describe('averages', () => {
  it('means each criterion to one decimal and over all scores', () => {
    const r = averagesOf(
      [{ code: 'a' }, { code: 'b' }],
      [{ scores: { a: 5, b: 4 } }, { scores: { a: 4, b: 4 } }, { scores: { a: 4, b: 3 } }],
    );
    expect(r).toEqual({ averages: { a: 4.3, b: 3.7 }, overall: 4 });
  });
  it('has no averages without judgements', () => {
    expect(averagesOf(DEFAULT_CRITERIA, [])).toEqual({ averages: {}, overall: null });
  });
});
