import { idParams } from '../common';
import { route, xlsxResponse } from '../contract';
import {
  agendaAddBody,
  agendaItemParams,
  decisionBody,
  judgementBody,
  meetingCloseBody,
  meetingCreateBody,
  meetingListQuery,
  meetingPage,
  meetingUpdateBody,
  meetingView,
  projectReviewsView,
} from '../reviews';

/** The review-meeting routes (see ../contract.ts): moved here from server/src/modules/reviews (issue 10). */
export const reviewsApi = {
  list: route('GET', '/review-meetings', { query: meetingListQuery, response: meetingPage }),
  create: route('POST', '/review-meetings', { body: meetingCreateBody, response: meetingView }),
  byProject: route('GET', '/review-meetings/by-project/:id', { params: idParams, response: projectReviewsView }),
  get: route('GET', '/review-meetings/:id', { params: idParams, response: meetingView }),
  update: route('PATCH', '/review-meetings/:id', { params: idParams, body: meetingUpdateBody, response: meetingView }),
  addItems: route('POST', '/review-meetings/:id/items', {
    params: idParams,
    body: agendaAddBody,
    response: meetingView,
  }),
  removeItem: route('DELETE', '/review-meetings/:id/items/:itemId', {
    params: agendaItemParams,
    response: meetingView,
  }),
  judge: route('PUT', '/review-meetings/:id/items/:itemId/judgement', {
    params: agendaItemParams,
    body: judgementBody,
    response: meetingView,
  }),
  decide: route('PUT', '/review-meetings/:id/items/:itemId/decision', {
    params: agendaItemParams,
    body: decisionBody,
    response: meetingView,
  }),
  close: route('POST', '/review-meetings/:id/close', {
    params: idParams,
    body: meetingCloseBody,
    response: meetingView,
  }),
  minutes: route('GET', '/review-meetings/:id/minutes.xlsx', { params: idParams, response: xlsxResponse }),
};
