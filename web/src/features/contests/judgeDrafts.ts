import { useCallback, useEffect, useState } from 'react';
import type { Rubric } from '@touyan/schemas';

/** Scores typed on the judge's phone, per criterion code; null while a box is empty. */
export type Draft = Record<string, number | null>;

const PREFIX = 'ty_judge_draft';

/** localStorage key of one sheet's draft: user + contest + project, so phones shared by judges never mix. */
export const draftKey = (userId: string, contestId: string, projectId: string) =>
  `${PREFIX}:${userId}:${contestId}:${projectId}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A stored draft as read back: whole numbers only (anything else, e.g. a hand-edited value, is dropped). */
function parseDraft(text: string | null): Draft | null {
  if (!text) return null;
  try {
    const raw = (JSON.parse(text) as { scores?: unknown }).scores;
    if (!raw || typeof raw !== 'object') return null;
    const out: Draft = {};
    for (const [code, v] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[code] = v;
    }
    return Object.keys(out).length > 0 ? out : null;
  } catch {
    return null;
  }
}

/**
 * The draft's scores that the rubric still has. A score above its criterion's maximum is kept as typed
 * (the sheet shows why it cannot be submitted), never silently changed or dropped.
 */
export function fitDraft(draft: Draft | undefined, rubric: Rubric): Draft {
  const out: Draft = {};
  for (const c of rubric.criteria) {
    const v = draft?.[c.code];
    if (typeof v === 'number' && v >= 0) out[c.code] = v;
  }
  return out;
}

/** Every stored draft of this user in this contest, by project. */
function readDrafts(userId: string, contestId: string): Record<string, Draft> {
  const drafts: Record<string, Draft> = {};
  const s = storage();
  if (!s) return drafts;
  const prefix = draftKey(userId, contestId, '');
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(prefix)) continue;
    const d = parseDraft(s.getItem(key));
    if (d) drafts[key.slice(prefix.length)] = d;
  }
  return drafts;
}

const isEmpty = (d: Draft) => Object.values(d).every((v) => v === null || v === undefined);

/**
 * The judge's unsubmitted sheets of one contest, kept in localStorage as they are typed, so that a
 * reload (or a phone that drops the page) loses nothing. `restored` lists the projects whose draft
 * came back from storage on load. `clear` forgets a sheet's draft (after it is submitted, or once it
 * turns out to be locked already).
 */
export function useJudgeDrafts(userId: string, contestId: string) {
  const [state, setState] = useState(() => {
    const drafts = readDrafts(userId, contestId);
    return { drafts, restored: new Set(Object.keys(drafts)) };
  });

  // Another judge logs in on the same phone, or another contest opens: read that one's drafts.
  useEffect(() => {
    const drafts = readDrafts(userId, contestId);
    setState((prev) =>
      JSON.stringify(prev.drafts) === JSON.stringify(drafts)
        ? prev
        : { drafts, restored: new Set(Object.keys(drafts)) },
    );
  }, [userId, contestId]);

  const setDraft = useCallback(
    (projectId: string, draft: Draft) => {
      const key = draftKey(userId, contestId, projectId);
      try {
        if (isEmpty(draft)) storage()?.removeItem(key);
        else storage()?.setItem(key, JSON.stringify({ scores: draft, savedAt: new Date().toISOString() }));
      } catch {
        /* storage full or blocked: the draft still lives in the page */
      }
      setState((prev) => ({ ...prev, drafts: { ...prev.drafts, [projectId]: draft } }));
    },
    [userId, contestId],
  );

  const clear = useCallback(
    (projectId: string) => {
      try {
        storage()?.removeItem(draftKey(userId, contestId, projectId));
      } catch {
        /* ignore */
      }
      setState((prev) => {
        if (!(projectId in prev.drafts) && !prev.restored.has(projectId)) return prev;
        const drafts = { ...prev.drafts };
        delete drafts[projectId];
        const restored = new Set(prev.restored);
        restored.delete(projectId);
        return { drafts, restored };
      });
    },
    [userId, contestId],
  );

  return { drafts: state.drafts, restored: state.restored, setDraft, clear };
}
