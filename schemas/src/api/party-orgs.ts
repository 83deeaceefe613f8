import { idParams } from '../common';
import { okResponse, route } from '../contract';
import {
  partyOrgCreateBody,
  partyOrgList,
  partyOrgListQuery,
  partyOrgMoveBody,
  partyOrgUpdateBody,
  partyOrgView,
} from '../party-orgs';

/** The party-orgs routes (see ../contract.ts): moved here from server/src/modules/party-orgs (issue 10). */
export const partyOrgsApi = {
  list: route('GET', '/party-orgs', { query: partyOrgListQuery, response: partyOrgList }),
  tree: route('GET', '/party-orgs/tree', { response: partyOrgList }),
  get: route('GET', '/party-orgs/:id', { params: idParams, response: partyOrgView }),
  create: route('POST', '/party-orgs', { body: partyOrgCreateBody, response: partyOrgView }),
  update: route('PATCH', '/party-orgs/:id', { params: idParams, body: partyOrgUpdateBody, response: partyOrgView }),
  move: route('POST', '/party-orgs/:id/move', { params: idParams, body: partyOrgMoveBody, response: partyOrgView }),
  remove: route('DELETE', '/party-orgs/:id', { params: idParams, response: okResponse }),
};
