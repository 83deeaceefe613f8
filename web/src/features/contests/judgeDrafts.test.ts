// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { Rubric } from '@touyan/schemas';
import { draftKey, fitDraft, useJudgeDrafts } from './judgeDrafts';

afterEach(() => localStorage.clear());

const rubric = {
  criteria: [
    { code: 'topic', name: '选题', maxPoints: 20 },
    { code: 'effect', name: '成效', maxPoints: 30 },
  ],
} as unknown as Rubric;

describe('the judge’s drafts on the phone', () => {
  it('keeps what was typed across a reload of the page, and says which sheets came back', () => {
    const first = renderHook(() => useJudgeDrafts('u1', 'c1'));
    act(() => first.result.current.setDraft('p1', { topic: 18, effect: null }));
    expect(first.result.current.drafts.p1).toEqual({ topic: 18, effect: null });
    first.unmount();

    const reloaded = renderHook(() => useJudgeDrafts('u1', 'c1'));
    expect(reloaded.result.current.drafts).toEqual({ p1: { topic: 18 } });
    expect([...reloaded.result.current.restored]).toEqual(['p1']);
  });

  it('never shows one judge’s draft to another judge on the same phone, nor across contests', () => {
    const a = renderHook(() => useJudgeDrafts('u1', 'c1'));
    act(() => a.result.current.setDraft('p1', { topic: 12 }));
    expect(renderHook(() => useJudgeDrafts('u2', 'c1')).result.current.drafts).toEqual({});
    expect(renderHook(() => useJudgeDrafts('u1', 'c2')).result.current.drafts).toEqual({});
  });

  it('follows a change of judge in the same page', () => {
    localStorage.setItem(draftKey('u2', 'c1', 'p9'), JSON.stringify({ scores: { topic: 5 } }));
    const hook = renderHook(({ user }) => useJudgeDrafts(user, 'c1'), { initialProps: { user: 'u1' } });
    expect(hook.result.current.drafts).toEqual({});
    hook.rerender({ user: 'u2' });
    expect(hook.result.current.drafts).toEqual({ p9: { topic: 5 } });
  });

  it('forgets a sheet once it is submitted, and an emptied sheet leaves nothing stored', () => {
    const hook = renderHook(() => useJudgeDrafts('u1', 'c1'));
    act(() => hook.result.current.setDraft('p1', { topic: 18 }));
    act(() => hook.result.current.setDraft('p2', { topic: 7 }));
    act(() => hook.result.current.clear('p1'));
    expect(localStorage.getItem(draftKey('u1', 'c1', 'p1'))).toBeNull();
    expect(Object.keys(hook.result.current.drafts)).toEqual(['p2']);
    act(() => hook.result.current.setDraft('p2', { topic: null }));
    expect(localStorage.getItem(draftKey('u1', 'c1', 'p2'))).toBeNull();
  });

  it('drops stored values that are not whole non-negative numbers, and broken entries', () => {
    localStorage.setItem(draftKey('u1', 'c1', 'p1'), JSON.stringify({ scores: { topic: 1.5, effect: -2 } }));
    localStorage.setItem(draftKey('u1', 'c1', 'p2'), '{not json');
    localStorage.setItem(draftKey('u1', 'c1', 'p3'), JSON.stringify({ scores: { topic: '18', effect: 25 } }));
    const hook = renderHook(() => useJudgeDrafts('u1', 'c1'));
    expect(hook.result.current.drafts).toEqual({ p3: { effect: 25 } });
  });

  it('fits a draft to the rubric: unknown items go, a score over the maximum stays as typed', () => {
    expect(fitDraft({ topic: 25, effect: 30, gone: 3 }, rubric)).toEqual({ topic: 25, effect: 30 });
    expect(fitDraft(undefined, rubric)).toEqual({});
  });
});
