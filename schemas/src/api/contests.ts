import {
  conflictCreateBody,
  conflictRemoveBody,
  contestBoard,
  contestConflictParams,
  contestCreateBody,
  contestDrawBody,
  contestDrawList,
  contestListQuery,
  contestPage,
  contestProjectParams,
  contestReasonBody,
  contestResultsView,
  contestRevertBody,
  contestSheetRows,
  contestSheetView,
  contestUpdateBody,
  contestVersionBody,
  contestView,
  overrideBody,
  rubricTemplateBody,
  rubricTemplateList,
  rubricTemplateUpdateBody,
  rubricTemplateView,
  sheetSubmitBody,
  streamQuery,
} from '../contests';
import { idParams } from '../common';
import { okResponse, rawResponse, route, xlsxResponse } from '../contract';

const byId = { params: idParams } as const;
const byProject = { params: contestProjectParams } as const;
/** A host action that only carries the contest's version. */
const versioned = { ...byId, body: contestVersionBody, response: contestView } as const;

/** The contests routes (see ../contract.ts): rubric templates, set-up, the host console, judges, board and results. */
export const contestsApi = {
  // ——— rubric templates ———
  templates: route('GET', '/rubric-templates', { response: rubricTemplateList }),
  createTemplate: route('POST', '/rubric-templates', { body: rubricTemplateBody, response: rubricTemplateView }),
  updateTemplate: route('PATCH', '/rubric-templates/:id', {
    ...byId,
    body: rubricTemplateUpdateBody,
    response: rubricTemplateView,
  }),
  deleteTemplate: route('DELETE', '/rubric-templates/:id', { ...byId, response: okResponse }),

  // ——— contests, set-up, the draw, conflicts ———
  list: route('GET', '/contests', { query: contestListQuery, response: contestPage }),
  create: route('POST', '/contests', { body: contestCreateBody, response: contestView }),
  get: route('GET', '/contests/:id', { ...byId, response: contestView }),
  update: route('PATCH', '/contests/:id', { ...byId, body: contestUpdateBody, response: contestView }),
  draw: route('POST', '/contests/:id/draw', { ...byId, body: contestDrawBody, response: contestView }),
  draws: route('GET', '/contests/:id/draws', { ...byId, response: contestDrawList }),
  addConflict: route('POST', '/contests/:id/conflicts', { ...byId, body: conflictCreateBody, response: contestView }),
  removeConflict: route('DELETE', '/contests/:id/conflicts/:conflictId', {
    params: contestConflictParams,
    body: conflictRemoveBody,
    response: contestView,
  }),

  // ——— the host console ———
  ready: route('POST', '/contests/:id/ready', versioned),
  toDraft: route('POST', '/contests/:id/draft', { ...byId, body: contestRevertBody, response: contestView }),
  start: route('POST', '/contests/:id/start', versioned),
  next: route('POST', '/contests/:id/next', versioned),
  publish: route('POST', '/contests/:id/publish', versioned),
  close: route('POST', '/contests/:id/projects/:projectId/close', {
    ...byProject,
    body: contestVersionBody,
    response: contestView,
  }),
  reopen: route('POST', '/contests/:id/projects/:projectId/reopen', {
    ...byProject,
    body: contestReasonBody,
    response: contestView,
  }),

  // ——— judges ———
  sheet: route('GET', '/contests/:id/projects/:projectId/sheet', { ...byProject, response: contestSheetView }),
  submit: route('PUT', '/contests/:id/projects/:projectId/sheet', {
    ...byProject,
    body: sheetSubmitBody,
    response: contestSheetView,
  }),

  // ——— board, results ———
  board: route('GET', '/contests/:id/board', { ...byId, response: contestBoard }),
  /** Server-Sent Events: `board` events carrying a ContestBoard. */
  stream: route('GET', '/contests/:id/stream', {
    ...byId,
    query: streamQuery,
    response: rawResponse('text/event-stream'),
  }),
  results: route('GET', '/contests/:id/results', { ...byId, response: contestResultsView }),
  sheets: route('GET', '/contests/:id/sheets', { ...byId, response: contestSheetRows }),
  override: route('PUT', '/contests/:id/projects/:projectId/override', {
    ...byProject,
    body: overrideBody,
    response: contestResultsView,
  }),
  resultsXlsx: route('GET', '/contests/:id/results.xlsx', { ...byId, response: xlsxResponse }),
};
