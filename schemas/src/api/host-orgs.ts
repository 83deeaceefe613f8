import { idParams } from '../common';
import { okResponse, route, xlsxResponse } from '../contract';
import { hostOrgImportView, importCommitBody, importErrorPage, importErrorsQuery } from '../host-org-imports';
import {
  assignmentList,
  coverageQuery,
  coverageReport,
  crossPostCreateBody,
  crossPostList,
  crossPostUpdateBody,
  crossPostView,
  hostOrgItemParams,
  partyMemberCreateBody,
  partyMemberList,
  partyMemberUpdateBody,
  partyMemberView,
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
  coverage: route('GET', '/host-orgs/coverage', { query: coverageQuery, response: coverageReport }),
  crossPosts: route('GET', '/host-orgs/:id/cross-posts', { params: idParams, response: crossPostList }),
  createCrossPost: route('POST', '/host-orgs/:id/cross-posts', {
    params: idParams,
    body: crossPostCreateBody,
    response: crossPostView,
  }),
  updateCrossPost: route('PATCH', '/host-orgs/:id/cross-posts/:itemId', {
    params: hostOrgItemParams,
    body: crossPostUpdateBody,
    response: crossPostView,
  }),
  deleteCrossPost: route('DELETE', '/host-orgs/:id/cross-posts/:itemId', {
    params: hostOrgItemParams,
    response: okResponse,
  }),
  partyMembers: route('GET', '/host-orgs/:id/party-members', { params: idParams, response: partyMemberList }),
  createPartyMember: route('POST', '/host-orgs/:id/party-members', {
    params: idParams,
    body: partyMemberCreateBody,
    response: partyMemberView,
  }),
  updatePartyMember: route('PATCH', '/host-orgs/:id/party-members/:itemId', {
    params: hostOrgItemParams,
    body: partyMemberUpdateBody,
    response: partyMemberView,
  }),
  deletePartyMember: route('DELETE', '/host-orgs/:id/party-members/:itemId', {
    params: hostOrgItemParams,
    response: okResponse,
  }),
  assignments: route('GET', '/host-orgs/:id/assignments', { params: idParams, response: assignmentList }),
  // Excel round-trip of the ledger (issue 11): template, background import, export.
  importTemplate: route('GET', '/host-orgs/import-template', { response: xlsxResponse }),
  exportLedger: route('GET', '/host-orgs/export-ledger', { response: xlsxResponse }),
  /** A multipart form with one `file` (.xlsx): read by the handler, so no body schema here. */
  importUpload: route('POST', '/host-orgs/imports', { response: hostOrgImportView }),
  importGet: route('GET', '/host-orgs/imports/:id', { params: idParams, response: hostOrgImportView }),
  importErrors: route('GET', '/host-orgs/imports/:id/errors', {
    params: idParams,
    query: importErrorsQuery,
    response: importErrorPage,
  }),
  importCommit: route('POST', '/host-orgs/imports/:id/commit', {
    params: idParams,
    body: importCommitBody,
    response: hostOrgImportView,
  }),
};
