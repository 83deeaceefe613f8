import { idParams } from '../common';
import { rawResponse, route, xlsxResponse } from '../contract';
import { attachmentView } from '../execution';
import {
  workerBatchResult,
  workerCreateBody,
  workerListQuery,
  workerPage,
  workerRejectBody,
  workerReveal,
  workerSelfBody,
  workerSelfOptions,
  workerSelfView,
  workerUpdateBody,
  workerVerifyBatchBody,
  workerVersionBody,
  workerView,
} from '../workers';

/** The registry of new-employment workers (新就业群体, issue 12). */
export const workersApi = {
  list: route('GET', '/workers', { query: workerListQuery, response: workerPage }),
  exportXlsx: route('GET', '/workers/export', { query: workerListQuery, response: xlsxResponse }),
  me: route('GET', '/workers/me', { response: workerSelfView }),
  saveMe: route('PUT', '/workers/me', { body: workerSelfBody, response: workerSelfView }),
  myOptions: route('GET', '/workers/me/options', { response: workerSelfOptions }),
  myPhoto: route('GET', '/workers/me/photo', { response: rawResponse('application/octet-stream') }),
  verifyBatch: route('POST', '/workers/verify-batch', { body: workerVerifyBatchBody, response: workerBatchResult }),
  photoUpload: route('POST', '/worker-photos', { response: attachmentView }),
  get: route('GET', '/workers/:id', { params: idParams, response: workerView }),
  photo: route('GET', '/workers/:id/photo', { params: idParams, response: rawResponse('application/octet-stream') }),
  create: route('POST', '/workers', { body: workerCreateBody, response: workerView }),
  update: route('PATCH', '/workers/:id', { params: idParams, body: workerUpdateBody, response: workerView }),
  verify: route('POST', '/workers/:id/verify', { params: idParams, body: workerVersionBody, response: workerView }),
  reject: route('POST', '/workers/:id/reject', { params: idParams, body: workerRejectBody, response: workerView }),
  disable: route('POST', '/workers/:id/disable', { params: idParams, body: workerVersionBody, response: workerView }),
  reveal: route('POST', '/workers/:id/reveal', { params: idParams, response: workerReveal }),
};
