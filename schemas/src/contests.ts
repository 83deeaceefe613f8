import { z } from 'zod';
import {
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  msg,
  optionalText,
  refId,
  trimmed,
  versionSchema,
} from './common';
import {
  aggregationConfigSchema,
  DEFAULT_AGGREGATION_CONFIG,
  rubricSchema,
  type AggregateResult,
  type AggregationConfig,
  type ContestGrade,
  type ExclusionReason,
  type Rubric,
} from './contest';
import { CONTEST_STATUS_CODES, type ContestStatus, type PresentationPhase } from './contest-labels';

export {
  CONTEST_STATUSES,
  CONTEST_STATUS_CODES,
  PRESENTATION_PHASES,
  type ContestStatus,
  type PresentationPhase,
} from './contest-labels';

/**
 * The year-end contest (比武打擂) API: set-up, conflicts, the draw, the host console, judges' sheets,
 * the public board and the results. The scoring itself is the pure engine in `./contest`.
 */

// ——— rubric templates ———

export const rubricTemplateBody = z.object({
  /** The 社工部 node that owns the template (its staff edit it; its subtree reuses it). */
  orgId: refId('partyOrg'),
  name: trimmed(60),
  rubric: rubricSchema,
});
export const rubricTemplateUpdateBody = z.object({ name: trimmed(60), rubric: rubricSchema, version: versionSchema });
export type RubricTemplateBody = z.infer<typeof rubricTemplateBody>;
export type RubricTemplateUpdateBody = z.infer<typeof rubricTemplateUpdateBody>;

export interface RubricTemplateView {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  rubric: Rubric;
  version: number;
  updatedAt: string;
  abilities: string[];
}

// ——— contests ———

/** The largest panel a contest takes (create and update). */
export const MAX_CONTEST_JUDGES = 300;

const contestFields = {
  name: trimmed(80),
  contestDate: dateSchema,
  venue: trimmed(100),
  minutesPerTalk: z.coerce.number().int(msg('invalid')).min(1, msg('too_small')).max(60, msg('too_big')).default(5),
  projectIds: z.array(refId('project')).min(1, msg('required')).max(100, msg('too_big')),
  /** The panel: up to 300 judges (a city-wide contest seats 200). */
  judgeIds: z.array(refId('user')).min(1, msg('required')).max(MAX_CONTEST_JUDGES, msg('too_big')),
  /** The rubric; when left out, the template's (rubricTemplateId) or the default template. */
  rubric: rubricSchema.optional(),
  rubricTemplateId: refId('rubricTemplate').nullish(),
  /** Aggregation rules (method, daily-work share, grading), validated by the engine's schema. */
  config: aggregationConfigSchema.default(DEFAULT_AGGREGATION_CONFIG),
};
export const contestCreateBody = z.object({ campaignId: refId('campaign'), ...contestFields });
export const contestUpdateBody = z.object({ ...contestFields, version: versionSchema });
export type ContestCreateBody = z.infer<typeof contestCreateBody>;
export type ContestUpdateBody = z.infer<typeof contestUpdateBody>;

export const contestListQuery = z.object({
  campaignId: idSchema.optional(),
  status: z.enum(CONTEST_STATUS_CODES).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const contestVersionBody = z.object({ version: versionSchema });
export const contestDrawBody = z.object({ version: versionSchema, reason: optionalText(500) });
export const contestReasonBody = z.object({ version: versionSchema, reason: trimmed(500) });
/** ready → draft (退回草稿): why the fixed set-up must change again, 2–200 characters. */
export const contestRevertBody = z.object({
  version: versionSchema,
  reason: z.string(msg('revert_reason')).trim().min(2, msg('revert_reason')).max(200, msg('too_long')),
});
export type ContestRevertBody = z.infer<typeof contestRevertBody>;
export const contestProjectParams = z.object({ id: idSchema, projectId: idSchema });
export const contestConflictParams = z.object({ id: idSchema, conflictId: idSchema });
export const conflictCreateBody = z.object({
  judgeId: refId('user'),
  projectId: refId('project'),
  reason: trimmed(500),
});
export const conflictRemoveBody = z.object({ reason: trimmed(500) });
export const streamQuery = z.object({
  /** Send the current state once and end the response (for proxies that buffer, and for tests). */
  once: z.enum(['1', '0']).optional(),
});

/** A judge's sheet: the body is checked again against the contest's rubric (`scoreSheetSchema`). */
export const sheetSubmitBody = z.object({ scores: z.record(z.string().max(32), z.unknown()) });

export const overrideBody = z
  .object({
    score: z.number().min(0, msg('too_small')).max(100, msg('too_big')).nullable(),
    grade: z.enum(['good', 'fair', 'average', 'poor']).nullable(),
    reason: trimmed(500),
  })
  .strict();
export type OverrideBody = z.infer<typeof overrideBody>;

export interface ContestJudgeView {
  id: string;
  name: string;
}

export interface ContestExclusionView {
  judgeId: string;
  judgeName: string;
  projectId: string;
  reason: ExclusionReason;
  /** Declared conflicts: their id (to remove) and the stated reason. */
  conflictId: string | null;
  note: string | null;
}

export interface ContestProjectView {
  projectId: string;
  title: string;
  code: string | null;
  orgId: string;
  orgName: string;
  /** Presentation order from the draw (1 = first); null before the draw. */
  position: number | null;
  phase: PresentationPhase;
  startedAt: string | null;
  endsAt: string | null;
  closedAt: string | null;
  /** Eligible judges (the panel minus exclusions) and how many of them have submitted. */
  eligibleJudges: number;
  submitted: number;
  /** For a judge: whether they score this project, and whether their sheet is in. */
  mine: { eligible: boolean; submitted: boolean } | null;
}

export interface ContestDrawView {
  id: string;
  seed: string;
  algorithm: string;
  /** The drawn order (project ids); re-run `drawOrder(projectIds, seed)` to check it. */
  order: string[];
  reason: string | null;
  drawnByName: string | null;
  drawnAt: string;
  /** The server re-ran the draw from the seed and got the same order. */
  reproduced: boolean;
}

export interface ContestView {
  id: string;
  campaignId: string;
  campaignName: string;
  campaignOrgId: string;
  name: string;
  contestDate: string;
  venue: string;
  minutesPerTalk: number;
  rubric: Rubric;
  config: AggregationConfig;
  status: ContestStatus;
  /** The current draw: seed and algorithm (anyone can re-run it), or null before the draw. */
  drawSeed: string | null;
  drawAlgorithm: string | null;
  drawnAt: string | null;
  currentProjectId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  publishedAt: string | null;
  judges: ContestJudgeView[];
  projects: ContestProjectView[];
  /** Managers see every exclusion; a judge only their own. */
  exclusions: ContestExclusionView[];
  version: number;
  createdAt: string;
  /**
   * What the caller may do: managers `update`, `ready`, `toDraft` (ready → draft, POST …/draft with a
   * reason), `draw`, `start`, `next`, `close`, `reopen`, `publish`, `conflicts`, `override`, `results`,
   * `sheets`, `export`; judges `score` while running and `results` once published.
   */
  abilities: string[];
}

export interface ContestListItem {
  id: string;
  campaignId: string;
  campaignName: string;
  name: string;
  contestDate: string;
  venue: string;
  status: ContestStatus;
  projectCount: number;
  judgeCount: number;
}

export interface ContestSheetView {
  contestId: string;
  projectId: string;
  judgeId: string;
  phase: PresentationPhase;
  rubric: Rubric;
  /** Null until submitted; a submitted sheet is locked. */
  scores: Record<string, number> | null;
  total: number | null;
  submittedAt: string | null;
}

/** What the big screen shows (GET …/board and every event of …/stream). */
export interface ContestBoard {
  contestId: string;
  name: string;
  status: ContestStatus;
  version: number;
  serverTime: string;
  minutesPerTalk: number;
  current: {
    projectId: string;
    title: string;
    orgName: string;
    position: number | null;
    phase: PresentationPhase;
    startedAt: string | null;
    /** Countdown end: start + minutes per presentation. */
    endsAt: string | null;
    eligibleJudges: number;
    submitted: number;
  } | null;
  projects: {
    projectId: string;
    title: string;
    orgName: string;
    position: number | null;
    phase: PresentationPhase;
    eligibleJudges: number;
    submitted: number;
    /** Final score (2 decimals) once scoring for the project is closed; hidden from judges until publication. */
    score: number | null;
    rank: number | null;
    grade: ContestGrade | null;
  }[];
}

export interface ContestResultRow {
  projectId: string;
  title: string;
  orgName: string;
  position: number | null;
  stageScore: number | null;
  computedScore: number | null;
  computedGrade: ContestGrade | null;
  rank: number | null;
  /** What is shown: the override when there is one, else the computed value. */
  finalScore: number | null;
  grade: ContestGrade | null;
  override: {
    score: number | null;
    grade: ContestGrade | null;
    reason: string;
    byName: string | null;
    at: string;
  } | null;
}

export interface ContestResultsView {
  contestId: string;
  status: ContestStatus;
  rubric: Rubric;
  config: AggregationConfig;
  /** The rules in words (the engine's legend), in the request's language. */
  legend: string[];
  rows: ContestResultRow[];
  /** The engine's full derivation (judge rows, drops, z-scores, grading). */
  derivation: AggregateResult;
  judges: ContestJudgeView[];
}

export interface ContestSheetRow {
  judgeId: string;
  judgeName: string;
  projectId: string;
  projectTitle: string;
  scores: Record<string, number>;
  total: number;
  submittedAt: string;
}
