import {
  assessmentFillBody,
  assessmentFillResult,
  assessmentResultPage,
  assessmentResultQuery,
  assessmentSchemeBody,
  assessmentSchemeListQuery,
  assessmentSchemePage,
  assessmentSchemeUpdateBody,
  assessmentSchemeView,
  assessmentSheetCreateBody,
  assessmentSheetListQuery,
  assessmentSheetPage,
  assessmentSheetValuesBody,
  assessmentSheetView,
  assessmentStatusBody,
} from '../assessments';
import { idParams } from '../common';
import { route, xlsxResponse } from '../contract';

const byId = { params: idParams } as const;

/** The assessments routes (see ../contract.ts): schemes, their sheets, the Excel exports. */
export const assessmentsApi = {
  // ——— schemes ———
  listSchemes: route('GET', '/assessment-schemes', {
    query: assessmentSchemeListQuery,
    response: assessmentSchemePage,
  }),
  createScheme: route('POST', '/assessment-schemes', { body: assessmentSchemeBody, response: assessmentSchemeView }),
  getScheme: route('GET', '/assessment-schemes/:id', { ...byId, response: assessmentSchemeView }),
  updateScheme: route('PATCH', '/assessment-schemes/:id', {
    ...byId,
    body: assessmentSchemeUpdateBody,
    response: assessmentSchemeView,
  }),
  setStatus: route('POST', '/assessment-schemes/:id/status', {
    ...byId,
    body: assessmentStatusBody,
    response: assessmentSchemeView,
  }),
  fillFromContest: route('POST', '/assessment-schemes/:id/fill-from-contest', {
    ...byId,
    body: assessmentFillBody,
    response: assessmentFillResult,
  }),
  listSheets: route('GET', '/assessment-schemes/:id/sheets', {
    ...byId,
    query: assessmentSheetListQuery,
    response: assessmentSheetPage,
  }),
  createSheet: route('POST', '/assessment-schemes/:id/sheets', {
    ...byId,
    body: assessmentSheetCreateBody,
    response: assessmentSheetView,
  }),
  exportScheme: route('GET', '/assessment-schemes/:id/sheets.xlsx', { ...byId, response: xlsxResponse }),

  // ——— sheets ———
  listResults: route('GET', '/assessment-sheets', { query: assessmentResultQuery, response: assessmentResultPage }),
  getSheet: route('GET', '/assessment-sheets/:id', { ...byId, response: assessmentSheetView }),
  updateSheet: route('PATCH', '/assessment-sheets/:id', {
    ...byId,
    body: assessmentSheetValuesBody,
    response: assessmentSheetView,
  }),
  exportSheet: route('GET', '/assessment-sheets/:id/export.xlsx', { ...byId, response: xlsxResponse }),
};
