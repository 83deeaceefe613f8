import {
  indicatorActualBody,
  indicatorList,
  indicatorParams,
  indicatorView,
  milestoneCompleteBody,
  milestoneList,
  milestoneParams,
  milestoneView,
  progressCreateBody,
  progressListQuery,
  progressPage,
  progressView,
  quarterlyReportBody,
  quarterlyReportList,
  quarterlyReportView,
  quarterOverview,
  quarterOverviewQuery,
  reportRateBody,
  supervisionAnswerBody,
  supervisionCloseBody,
  supervisionCreateBody,
  supervisionList,
  supervisionView,
} from '../execution';
import { idParams } from '../common';
import { indicatorAreaBody } from '../indicators';
import { route } from '../contract';

/** Project execution and quarterly analysis (季度分析): progress, reports, supervision. */
export const executionApi = {
  // ——— progress posts, milestones, indicators ———
  progress: route('GET', '/projects/:id/progress', {
    params: idParams,
    query: progressListQuery,
    response: progressPage,
  }),
  postProgress: route('POST', '/projects/:id/progress', {
    params: idParams,
    body: progressCreateBody,
    response: progressView,
  }),
  milestones: route('GET', '/projects/:id/milestones', { params: idParams, response: milestoneList }),
  completeMilestone: route('POST', '/projects/:id/milestones/:milestoneId/complete', {
    params: milestoneParams,
    body: milestoneCompleteBody,
    response: milestoneView,
  }),
  indicators: route('GET', '/projects/:id/indicators', { params: idParams, response: indicatorList }),
  recordActual: route('POST', '/projects/:id/indicators/:indicatorId/actuals', {
    params: indicatorParams,
    body: indicatorActualBody,
    response: indicatorView,
  }),
  setIndicatorArea: route('PUT', '/projects/:id/indicators/:indicatorId/area', {
    params: indicatorParams,
    body: indicatorAreaBody,
    response: indicatorView,
  }),
  // ——— quarterly reports ———
  reports: route('GET', '/projects/:id/quarterly-reports', { params: idParams, response: quarterlyReportList }),
  fileReport: route('POST', '/projects/:id/quarterly-reports', {
    params: idParams,
    body: quarterlyReportBody,
    response: quarterlyReportView,
  }),
  rateReport: route('POST', '/quarterly-reports/:id/rate', {
    params: idParams,
    body: reportRateBody,
    response: quarterlyReportView,
  }),
  overview: route('GET', '/quarterly-reports/overview', { query: quarterOverviewQuery, response: quarterOverview }),
  // ——— supervision notices ———
  notices: route('GET', '/projects/:id/supervision-notices', { params: idParams, response: supervisionList }),
  issueNotice: route('POST', '/projects/:id/supervision-notices', {
    params: idParams,
    body: supervisionCreateBody,
    response: supervisionView,
  }),
  answerNotice: route('POST', '/supervision-notices/:id/answer', {
    params: idParams,
    body: supervisionAnswerBody,
    response: supervisionView,
  }),
  closeNotice: route('POST', '/supervision-notices/:id/close', {
    params: idParams,
    body: supervisionCloseBody,
    response: supervisionView,
  }),
};
