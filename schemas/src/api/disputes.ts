import { idParams } from '../common';
import { rawResponse, route, xlsxResponse } from '../contract';
import {
  consultationBody,
  consultationListQuery,
  consultationPage,
  consultationUpdateBody,
  consultationView,
  disputeCasePage,
  disputeCentreBody,
  disputeCentreList,
  disputeCentreUpdateBody,
  disputeCentreView,
  disputeDetailView,
  disputeEventBody,
  disputeEvidenceBody,
  disputeExportQuery,
  disputeGroupAddBody,
  disputeGroupBody,
  disputeGroupEventBody,
  disputeGroupEventResult,
  disputeGroupView,
  disputeIntakeBody,
  disputeListQuery,
  disputeOnlineBody,
  disputeSelfList,
  disputeStatsQuery,
  disputeStatsView,
  fileParams,
} from '../disputes';
import { attachmentView } from '../execution';

/** 调裁诉援: the one-stop labour-dispute centre (issue 14). */
export const disputesApi = {
  centres: route('GET', '/dispute-centres', { response: disputeCentreList }),
  createCentre: route('POST', '/dispute-centres', { body: disputeCentreBody, response: disputeCentreView }),
  centre: route('GET', '/dispute-centres/:id', { params: idParams, response: disputeCentreView }),
  updateCentre: route('PATCH', '/dispute-centres/:id', {
    params: idParams,
    body: disputeCentreUpdateBody,
    response: disputeCentreView,
  }),
  list: route('GET', '/dispute-cases', { query: disputeListQuery, response: disputeCasePage }),
  intake: route('POST', '/dispute-cases', { body: disputeIntakeBody, response: disputeDetailView }),
  mine: route('GET', '/dispute-cases/mine', { response: disputeSelfList }),
  applyOnline: route('POST', '/dispute-cases/mine', { body: disputeOnlineBody, response: disputeSelfList }),
  get: route('GET', '/dispute-cases/:id', { params: idParams, response: disputeDetailView }),
  event: route('POST', '/dispute-cases/:id/events', {
    params: idParams,
    body: disputeEventBody,
    response: disputeDetailView,
  }),
  addEvidence: route('POST', '/dispute-cases/:id/evidence', {
    params: idParams,
    body: disputeEvidenceBody,
    response: disputeDetailView,
  }),
  evidenceFile: route('GET', '/dispute-cases/:id/evidence/:fileId', {
    params: fileParams,
    response: rawResponse('application/octet-stream'),
  }),
  /** Multipart `file` (PDF, images, Word, Excel), not yet linked: the case links it when saved. */
  evidenceUpload: route('POST', '/dispute-evidence', { response: attachmentView }),
  createGroup: route('POST', '/dispute-groups', { body: disputeGroupBody, response: disputeGroupView }),
  group: route('GET', '/dispute-groups/:id', { params: idParams, response: disputeGroupView }),
  groupEvent: route('POST', '/dispute-groups/:id/events', {
    params: idParams,
    body: disputeGroupEventBody,
    response: disputeGroupEventResult,
  }),
  addGroupCases: route('POST', '/dispute-groups/:id/cases', {
    params: idParams,
    body: disputeGroupAddBody,
    response: disputeGroupView,
  }),
  consultations: route('GET', '/dispute-consultations', { query: consultationListQuery, response: consultationPage }),
  createConsultation: route('POST', '/dispute-consultations', { body: consultationBody, response: consultationView }),
  consultation: route('GET', '/dispute-consultations/:id', { params: idParams, response: consultationView }),
  updateConsultation: route('PATCH', '/dispute-consultations/:id', {
    params: idParams,
    body: consultationUpdateBody,
    response: consultationView,
  }),
  /** The case list as an Excel workbook (the list's filters, every row in reach, at most 5000). */
  exportCases: route('GET', '/dispute-cases/export.xlsx', { query: disputeExportQuery, response: xlsxResponse }),
  stats: route('GET', '/dispute-stats', { query: disputeStatsQuery, response: disputeStatsView }),
};
