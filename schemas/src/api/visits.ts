import { idParams } from '../common';
import { okResponse, rawResponse, route } from '../contract';
import {
  myFirmList,
  onlineTokenParams,
  onlineVisitCreateBody,
  onlineVisitFillBody,
  onlineVisitInvitation,
  onlineVisitPublicView,
  visitCreateBody,
  visitListQuery,
  visitPage,
  visitPhotoParams,
  visitUpdateBody,
  visitedFirmPage,
  visitedFirmQuery,
  visitView,
} from '../visits';

/** Enterprise visits (走访, issue 11): logged by specialists and staff, or filled in by the firm online. */
export const visitsApi = {
  list: route('GET', '/visits', { query: visitListQuery, response: visitPage }),
  myFirms: route('GET', '/visits/my-firms', { response: myFirmList }),
  firms: route('GET', '/visits/firms', { query: visitedFirmQuery, response: visitedFirmPage }),
  create: route('POST', '/visits', { body: visitCreateBody, response: visitView }),
  get: route('GET', '/visits/:id', { params: idParams, response: visitView }),
  photo: route('GET', '/visits/:id/photos/:photoId', {
    params: visitPhotoParams,
    response: rawResponse('application/octet-stream'),
  }),
  update: route('PATCH', '/visits/:id', { params: idParams, body: visitUpdateBody, response: visitView }),
  createOnline: route('POST', '/visits/online', { body: onlineVisitCreateBody, response: onlineVisitInvitation }),
  openOnline: route('GET', '/online-visits/:token', { params: onlineTokenParams, response: onlineVisitPublicView }),
  fillOnline: route('POST', '/online-visits/:token', {
    params: onlineTokenParams,
    body: onlineVisitFillBody,
    response: okResponse,
  }),
};
