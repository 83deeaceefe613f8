import {
  challengeAttachDemandsBody,
  challengeClaimBody,
  challengeFromDemandsBody,
  challengeCreateBody,
  challengeListQuery,
  challengePage,
  challengeUpdateBody,
  challengeView,
} from '../campaigns';
import { idParams } from '../common';
import { route } from '../contract';

/** The challenges routes (see ../contract.ts): moved here from server/src/modules/challenges (issue 10). */
export const challengesApi = {
  list: route('GET', '/challenges', { query: challengeListQuery, response: challengePage }),
  get: route('GET', '/challenges/:id', { params: idParams, response: challengeView }),
  create: route('POST', '/challenges', { body: challengeCreateBody, response: challengeView }),
  fromDemands: route('POST', '/challenges/from-demands', { body: challengeFromDemandsBody, response: challengeView }),
  attachDemands: route('POST', '/challenges/:id/demands', {
    params: idParams,
    body: challengeAttachDemandsBody,
    response: challengeView,
  }),
  update: route('PATCH', '/challenges/:id', { params: idParams, body: challengeUpdateBody, response: challengeView }),
  claim: route('POST', '/challenges/:id/claim', {
    params: idParams,
    body: challengeClaimBody,
    response: challengeView,
  }),
};
