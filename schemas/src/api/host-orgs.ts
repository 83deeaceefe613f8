import { idParams } from '../common';
import { route } from '../contract';
import {
  hostOrgCreateBody,
  hostOrgListQuery,
  hostOrgPage,
  hostOrgUpdateBody,
  hostOrgView,
  parkList,
} from '../host-orgs';

/** The host-orgs routes (see ../contract.ts): moved here from server/src/modules/host-orgs (issue 10). */
export const hostOrgsApi = {
  list: route('GET', '/host-orgs', { query: hostOrgListQuery, response: hostOrgPage }),
  parks: route('GET', '/host-orgs/parks', { response: parkList }),
  get: route('GET', '/host-orgs/:id', { params: idParams, response: hostOrgView }),
  create: route('POST', '/host-orgs', { body: hostOrgCreateBody, response: hostOrgView }),
  update: route('PATCH', '/host-orgs/:id', { params: idParams, body: hostOrgUpdateBody, response: hostOrgView }),
};
