import type {
  ContestCreateBody,
  ContestStatus,
  ContestUpdateBody,
  OverrideBody,
  RubricTemplateBody,
  RubricTemplateUpdateBody,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import type { ContestsStore } from './contests.context';
import type { ContestEvents } from './contests.events';
import { ContestHost } from './contests.host';
import { ContestLiveBoards } from './contests.live';
import { ContestResults } from './contests.results';
import { ContestSetup } from './contests.setup';
import { JudgeSheets } from './contests.sheets';
import { RubricTemplates } from './contests.templates';

/**
 * The year-end contest (比武打擂): staff of the campaign set it up (projects, judges, rubric,
 * aggregation rules), draw the presentation order with a recorded seed, and run the day from the
 * host console (an explicit state machine); judges submit one locked sheet per project; the engine
 * (`@touyan/schemas` contest) computes scores, ranks and grades; the board is pushed to the big screen.
 *
 * This class is the module's one entry point (routes, seeds, the assessment module, tests); each
 * concern lives in its own part, sharing the loaders of `contests.context.ts`:
 * - `contests.setup.ts` — list, create, update, the draw and its history, conflicts of interest;
 * - `contests.host.ts` — the host console's transitions (ready, back to draft, start, next, close,
 *   reopen, publish);
 * - `contests.sheets.ts` — judges' sheets;
 * - `contests.results.ts` — results with their derivation, all sheets, overrides, the board;
 * - `contests.templates.ts` — rubric templates;
 * - `contests.live.ts` — the boards pushed to open streams (`live`), one computation per change
 *   burst for every viewer.
 * Every write announces the contest's change on `events` after its transaction commits.
 */
export class ContestsService {
  private readonly setup: ContestSetup;
  private readonly host: ContestHost;
  private readonly judging: JudgeSheets;
  private readonly scoring: ContestResults;
  private readonly rubrics: RubricTemplates;
  /** The shared live board of each contest with an open stream in this process. */
  readonly live: ContestLiveBoards;

  constructor(
    store: ContestsStore,
    readonly events: ContestEvents,
  ) {
    this.setup = new ContestSetup(store, events);
    this.host = new ContestHost(store, events);
    this.judging = new JudgeSheets(store, events);
    this.scoring = new ContestResults(store, events);
    this.rubrics = new RubricTemplates(store);
    this.live = new ContestLiveBoards(events, {
      liveBoard: (id) => this.scoring.liveBoard(id),
      boardAccess: (ctx, id) => this.scoring.boardAccess(ctx, id),
    });
  }

  // ——— contests, set-up, the draw, conflicts ———

  get(ctx: RequestContext, id: string) {
    return this.setup.get(ctx, id);
  }
  list(ctx: RequestContext, q: { campaignId?: string; status?: ContestStatus; limit: number; cursor?: string }) {
    return this.setup.list(ctx, q);
  }
  create(ctx: RequestContext, body: ContestCreateBody) {
    return this.setup.create(ctx, body);
  }
  update(ctx: RequestContext, id: string, body: ContestUpdateBody) {
    return this.setup.update(ctx, id, body);
  }
  draw(ctx: RequestContext, id: string, body: { version: number; reason: string | null }) {
    return this.setup.draw(ctx, id, body);
  }
  draws(ctx: RequestContext, id: string) {
    return this.setup.draws(ctx, id);
  }
  addConflict(ctx: RequestContext, id: string, body: { judgeId: string; projectId: string; reason: string }) {
    return this.setup.addConflict(ctx, id, body);
  }
  removeConflict(ctx: RequestContext, id: string, conflictId: string, reason: string) {
    return this.setup.removeConflict(ctx, id, conflictId, reason);
  }

  // ——— the host console ———

  ready(ctx: RequestContext, id: string, version: number) {
    return this.host.ready(ctx, id, version);
  }
  toDraft(ctx: RequestContext, id: string, version: number, reason: string) {
    return this.host.toDraft(ctx, id, version, reason);
  }
  start(ctx: RequestContext, id: string, version: number) {
    return this.host.start(ctx, id, version);
  }
  next(ctx: RequestContext, id: string, version: number) {
    return this.host.next(ctx, id, version);
  }
  close(ctx: RequestContext, id: string, projectId: string, version: number) {
    return this.host.close(ctx, id, projectId, version);
  }
  reopen(ctx: RequestContext, id: string, projectId: string, version: number, reason: string) {
    return this.host.reopen(ctx, id, projectId, version, reason);
  }
  publish(ctx: RequestContext, id: string, version: number) {
    return this.host.publish(ctx, id, version);
  }

  // ——— judges' sheets ———

  sheet(ctx: RequestContext, id: string, projectId: string) {
    return this.judging.sheet(ctx, id, projectId);
  }
  submit(ctx: RequestContext, id: string, projectId: string, body: { scores: Record<string, unknown> }) {
    return this.judging.submit(ctx, id, projectId, body);
  }

  // ——— results and the board ———

  results(ctx: RequestContext, id: string) {
    return this.scoring.results(ctx, id);
  }
  sheets(ctx: RequestContext, id: string) {
    return this.scoring.sheets(ctx, id);
  }
  exportData(ctx: RequestContext, id: string) {
    return this.scoring.exportData(ctx, id);
  }
  override(ctx: RequestContext, id: string, projectId: string, body: OverrideBody) {
    return this.scoring.override(ctx, id, projectId, body);
  }
  board(ctx: RequestContext, id: string) {
    return this.scoring.board(ctx, id);
  }
  viewerBoard(ctx: RequestContext, id: string) {
    return this.scoring.viewerBoard(ctx, id);
  }

  // ——— rubric templates ———

  templates(ctx: RequestContext) {
    return this.rubrics.templates(ctx);
  }
  createTemplate(ctx: RequestContext, body: RubricTemplateBody) {
    return this.rubrics.createTemplate(ctx, body);
  }
  updateTemplate(ctx: RequestContext, id: string, body: RubricTemplateUpdateBody) {
    return this.rubrics.updateTemplate(ctx, id, body);
  }
  deleteTemplate(ctx: RequestContext, id: string) {
    return this.rubrics.deleteTemplate(ctx, id);
  }
}
