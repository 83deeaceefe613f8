import { idParams } from '../common';
import { route, xlsxResponse } from '../contract';
import { hostOrgImportView, importCommitBody, importErrorPage, importErrorsQuery } from '../host-org-imports';
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
