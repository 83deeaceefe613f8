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
  AGGREGATION_METHOD_CODES,
  aggregationConfigSchema,
  CONTEST_FLAGS,
  DEFAULT_AGGREGATION_CONFIG,
  EXCLUSION_REASON_CODES,
  rubricSchema,
  type ContestFlag,
  type NotNormalisedReason,
} from './contest';
import { CONTEST_GRADE_CODES, CONTEST_STATUS_CODES, PRESENTATION_PHASE_CODES } from './contest-labels';
import { pageOf } from './contract';
import { PROJECT_RATING_CODES } from './projects';

export {
  CONTEST_STATUSES,
  CONTEST_STATUS_CODES,
  PRESENTATION_PHASES,
  PRESENTATION_PHASE_CODES,
  type ContestStatus,
  type PresentationPhase,
} from './contest-labels';

/**
 * The year-end contest (比武打擂) API: set-up, conflicts, the draw, the host console, judges' sheets,
 * the public board and the results. The scoring itself is the pure engine in `./contest`.
 */

// ——— the engine's values as the API answers them (output schemas: plain types, no defaults or checks) ———

const int = z.number().int();
const text = z.string().nullable();
const gradeCodes = z.enum(CONTEST_GRADE_CODES);
const cut = z.object({ good: z.number(), fair: z.number(), average: z.number() });

export const rubricView = z.object({
  criteria: z.array(z.object({ code: z.string(), name: z.string(), description: text, maxPoints: int })),
});

export const aggregationConfigView = z.object({
  method: z.enum(AGGREGATION_METHOD_CODES),
  trimMinJudges: int,
  zMinProjects: int,
  dailyWork: z.object({
    enabled: z.boolean(),
    weight: z.number(),
    points: z.object({ on_track: z.number(), lagging: z.number(), at_risk: z.number() }),
  }),
  grading: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('thresholds'), thresholds: cut }),
    z.object({ mode: z.literal('quotas'), quotas: cut }),
  ]),
});

const flagsView = z.array(z.enum(Object.keys(CONTEST_FLAGS) as [ContestFlag, ...ContestFlag[]]));
const notNormalisedView = z.enum(['too_few', 'zero_spread'] satisfies NotNormalisedReason[]).nullable();
const gradeCounts = z.object({ good: int, fair: int, average: int, poor: int });

/** The engine's derivation (`AggregateResult`): judge rows, drops, z-scores, daily work, grading. */
export const aggregateResultView = z.object({
  method: z.enum(AGGREGATION_METHOD_CODES),
  config: aggregationConfigView,
  projects: z.array(
    z.object({
      projectId: z.string(),
      order: int.nullable(),
      rows: z.array(
        z.object({
          judgeId: z.string(),
          scores: z.record(z.string(), int),
          total: int,
          z: z.number().nullable(),
          normalised: z.number().nullable(),
          clamped: z.boolean(),
          notNormalised: notNormalisedView,
          value: z.number(),
          dropped: z.enum(['high', 'low']).nullable(),
        }),
      ),
      excluded: z.array(
        z.object({ judgeId: z.string(), projectId: z.string(), reason: z.enum(EXCLUSION_REASON_CODES) }),
      ),
      trimmed: z.boolean(),
      stageScore: z.number().nullable(),
      dailyWork: z
        .object({
          ratings: z.array(z.enum(PROJECT_RATING_CODES)),
          points: z.array(z.number()),
          meanPoints: z.number().nullable(),
          weight: z.number(),
          appliedWeight: z.number(),
        })
        .nullable(),
      finalScore: z.number().nullable(),
      flags: flagsView,
      rank: int.nullable(),
      grade: gradeCodes.nullable(),
    }),
  ),
  judges: z.array(
    z.object({
      judgeId: z.string(),
      count: int,
      mean: z.number().nullable(),
      sd: z.number().nullable(),
      normalised: z.boolean(),
      reason: notNormalisedView,
    }),
  ),
  panel: z.object({ mean: z.number(), sd: z.number(), judgeCount: int, totalCount: int }).nullable(),
  flags: flagsView,
  grading: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('thresholds'), graded: int, thresholds: cut, counts: gradeCounts }),
    z.object({ mode: z.literal('quotas'), graded: int, quotas: cut, caps: cut, counts: gradeCounts }),
  ]),
});

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

export const rubricTemplateView = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  rubric: rubricView,
  version: int,
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type RubricTemplateView = z.infer<typeof rubricTemplateView>;
export const rubricTemplateList = z.object({ items: z.array(rubricTemplateView) });

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

// ——— replies ———

export const contestJudgeView = z.object({ id: z.string(), name: z.string() });
export type ContestJudgeView = z.infer<typeof contestJudgeView>;

export const contestExclusionView = z.object({
  judgeId: z.string(),
  judgeName: z.string(),
  projectId: z.string(),
  reason: z.enum(EXCLUSION_REASON_CODES),
  /** Declared conflicts: their id (to remove) and the stated reason. */
  conflictId: text,
  note: text,
});
export type ContestExclusionView = z.infer<typeof contestExclusionView>;

const phaseView = z.enum(PRESENTATION_PHASE_CODES);

export const contestProjectView = z.object({
  projectId: z.string(),
  title: z.string(),
  code: text,
  orgId: z.string(),
  orgName: z.string(),
  /** Presentation order from the draw (1 = first); null before the draw. */
  position: int.nullable(),
  phase: phaseView,
  startedAt: text,
  endsAt: text,
  closedAt: text,
  /** Eligible judges (the panel minus exclusions) and how many of them have submitted. */
  eligibleJudges: int,
  submitted: int,
  /** For a judge: whether they score this project, and whether their sheet is in. */
  mine: z.object({ eligible: z.boolean(), submitted: z.boolean() }).nullable(),
});
export type ContestProjectView = z.infer<typeof contestProjectView>;

export const contestDrawView = z.object({
  id: z.string(),
  seed: z.string(),
  algorithm: z.string(),
  /** The drawn order (project ids); re-run `drawOrder(projectIds, seed)` to check it. */
  order: z.array(z.string()),
  reason: text,
  drawnByName: text,
  drawnAt: z.string(),
  /** The server re-ran the draw from the seed and got the same order. */
  reproduced: z.boolean(),
});
export type ContestDrawView = z.infer<typeof contestDrawView>;
export const contestDrawList = z.object({ items: z.array(contestDrawView) });

const statusView = z.enum(CONTEST_STATUS_CODES);

export const contestView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  campaignOrgId: z.string(),
  name: z.string(),
  contestDate: z.string(),
  venue: z.string(),
  minutesPerTalk: int,
  rubric: rubricView,
  config: aggregationConfigView,
  status: statusView,
  /** The current draw: seed and algorithm (anyone can re-run it), or null before the draw. */
  drawSeed: text,
  drawAlgorithm: text,
  drawnAt: text,
  currentProjectId: text,
  startedAt: text,
  finishedAt: text,
  publishedAt: text,
  judges: z.array(contestJudgeView),
  projects: z.array(contestProjectView),
  /** Managers see every exclusion; a judge only their own. */
  exclusions: z.array(contestExclusionView),
  version: int,
  createdAt: z.string(),
  /**
   * What the caller may do: managers `update`, `ready`, `toDraft` (ready → draft, POST …/draft with a
   * reason), `draw`, `start`, `next`, `close`, `reopen`, `publish`, `conflicts`, `override`, `results`,
   * `sheets`, `export`; judges `score` while running and `results` once published.
   */
  abilities: z.array(z.string()),
});
export type ContestView = z.infer<typeof contestView>;

export const contestListItem = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  name: z.string(),
  contestDate: z.string(),
  venue: z.string(),
  status: statusView,
  projectCount: int,
  judgeCount: int,
});
export type ContestListItem = z.infer<typeof contestListItem>;
export const contestPage = pageOf(contestListItem);

const scoresView = z.record(z.string(), int);

export const contestSheetView = z.object({
  contestId: z.string(),
  projectId: z.string(),
  judgeId: z.string(),
  phase: phaseView,
  rubric: rubricView,
  /** Null until submitted; a submitted sheet is locked. */
  scores: scoresView.nullable(),
  total: int.nullable(),
  submittedAt: text,
});
export type ContestSheetView = z.infer<typeof contestSheetView>;

const gradeView = gradeCodes.nullable();
const boardProjectFields = {
  projectId: z.string(),
  title: z.string(),
  orgName: z.string(),
  position: int.nullable(),
  phase: phaseView,
};

/** What the big screen shows (GET …/board and every event of …/stream). */
export const contestBoard = z.object({
  contestId: z.string(),
  name: z.string(),
  status: statusView,
  version: int,
  serverTime: z.string(),
  minutesPerTalk: int,
  current: z
    .object({
      ...boardProjectFields,
      startedAt: text,
      /** Countdown end: start + minutes per presentation. */
      endsAt: text,
      eligibleJudges: int,
      submitted: int,
    })
    .nullable(),
  projects: z.array(
    z.object({
      ...boardProjectFields,
      eligibleJudges: int,
      submitted: int,
      /** Final score (2 decimals) once scoring for the project is closed; hidden from judges until publication. */
      score: z.number().nullable(),
      rank: int.nullable(),
      grade: gradeView,
    }),
  ),
});
export type ContestBoard = z.infer<typeof contestBoard>;

export const contestResultRow = z.object({
  projectId: z.string(),
  title: z.string(),
  orgName: z.string(),
  position: int.nullable(),
  stageScore: z.number().nullable(),
  computedScore: z.number().nullable(),
  computedGrade: gradeView,
  rank: int.nullable(),
  /** What is shown: the override when there is one, else the computed value. */
  finalScore: z.number().nullable(),
  grade: gradeView,
  override: z
    .object({
      score: z.number().nullable(),
      grade: gradeView,
      reason: z.string(),
      byName: text,
      at: z.string(),
    })
    .nullable(),
});
export type ContestResultRow = z.infer<typeof contestResultRow>;

export const contestResultsView = z.object({
  contestId: z.string(),
  status: statusView,
  rubric: rubricView,
  config: aggregationConfigView,
  /** The rules in words (the engine's legend), in the request's language. */
  legend: z.array(z.string()),
  rows: z.array(contestResultRow),
  /** The engine's full derivation (judge rows, drops, z-scores, grading). */
  derivation: aggregateResultView,
  judges: z.array(contestJudgeView),
});
export type ContestResultsView = z.infer<typeof contestResultsView>;

export const contestSheetRow = z.object({
  judgeId: z.string(),
  judgeName: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  scores: scoresView,
  total: int,
  submittedAt: z.string(),
});
export type ContestSheetRow = z.infer<typeof contestSheetRow>;
export const contestSheetRows = z.object({ items: z.array(contestSheetRow) });
