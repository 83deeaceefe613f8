import { idParams } from '../common';
import { route, xlsxResponse } from '../contract';
import {
  declarationVersionsView,
  projectCompleteBody,
  projectCreateBody,
  projectEventBody,
  projectListQuery,
  projectPage,
  projectSaveBody,
  projectView,
  timelineView,
  versionCompareQuery,
  versionComparisonView,
} from '../projects';

const event = { params: idParams, body: projectEventBody, response: projectView };

/** The projects routes (see ../contract.ts): moved here from server/src/modules/projects (issue 10). */
export const projectsApi = {
  list: route('GET', '/projects', { query: projectListQuery, response: projectPage }),
  exportXlsx: route('GET', '/projects/export.xlsx', { query: projectListQuery, response: xlsxResponse }),
  get: route('GET', '/projects/:id', { params: idParams, response: projectView }),
  create: route('POST', '/projects', { body: projectCreateBody, response: projectView }),
  save: route('PUT', '/projects/:id/content', { params: idParams, body: projectSaveBody, response: projectView }),
  submit: route('POST', '/projects/:id/submit', event),
  withdraw: route('POST', '/projects/:id/withdraw', event),
  resubmit: route('POST', '/projects/:id/resubmit', event),
  terminate: route('POST', '/projects/:id/terminate', event),
  complete: route('POST', '/projects/:id/complete', {
    params: idParams,
    body: projectCompleteBody,
    response: projectView,
  }),
  versions: route('GET', '/projects/:id/versions', { params: idParams, response: declarationVersionsView }),
  compare: route('GET', '/projects/:id/versions/compare', {
    params: idParams,
    query: versionCompareQuery,
    response: versionComparisonView,
  }),
  timeline: route('GET', '/projects/:id/timeline', { params: idParams, response: timelineView }),
};
