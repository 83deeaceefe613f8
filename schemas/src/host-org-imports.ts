import { z } from 'zod';
import { cursorSchema } from './common';
import { pageOf } from './contract';
import type { Dict } from './dicts';

/**
 * Excel round-trip of the host-organisation ledger (两新组织台账导入导出): an upload becomes an import
 * record, validated in the background (dry run), then committed in one of two modes.
 */
export const IMPORT_STATUSES = {
  queued: { 'zh-CN': '排队中', en: 'Queued' },
  validating: { 'zh-CN': '校验中', en: 'Validating' },
  validated: { 'zh-CN': '校验完成', en: 'Validated' },
  committing: { 'zh-CN': '导入中', en: 'Importing' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  failed: { 'zh-CN': '失败', en: 'Failed' },
  /** Not committed in time (validated or failed): its file has been deleted (the import-cleanup job). */
  expired: { 'zh-CN': '已过期', en: 'Expired' },
} satisfies Dict<string>;
export type ImportStatus = keyof typeof IMPORT_STATUSES;
export const IMPORT_STATUS_CODES = Object.keys(IMPORT_STATUSES) as [ImportStatus, ...ImportStatus[]];

export const IMPORT_MODES = {
  all_or_nothing: { 'zh-CN': '全部无误才导入', en: 'All or nothing' },
  valid_only: { 'zh-CN': '仅导入无误的行', en: 'Valid rows only' },
} satisfies Dict<string>;
export type ImportMode = keyof typeof IMPORT_MODES;
export const IMPORT_MODE_CODES = Object.keys(IMPORT_MODES) as [ImportMode, ...ImportMode[]];

/** Why a row was refused: stable codes, labels per language. */
export const IMPORT_ROW_ERRORS = {
  required: { 'zh-CN': '必填项为空', en: 'Required value missing' },
  too_long: { 'zh-CN': '内容过长', en: 'Text too long' },
  control_chars: { 'zh-CN': '含有不允许的控制字符', en: 'Contains control characters' },
  formula: { 'zh-CN': '不接受公式，请填写值', en: 'Formulas are not accepted; enter the value' },
  not_a_number: { 'zh-CN': '应为非负整数', en: 'Must be a whole number ≥ 0' },
  out_of_range: { 'zh-CN': '数值超出范围', en: 'Number out of range' },
  not_in_dictionary: { 'zh-CN': '不是下拉列表中的选项', en: 'Not one of the list values' },
  credit_code_length: { 'zh-CN': '统一社会信用代码应为18位', en: 'The credit code must be 18 characters' },
  credit_code_charset: {
    'zh-CN': '统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）',
    en: 'The credit code contains characters outside its alphabet',
  },
  credit_code_check: { 'zh-CN': '统一社会信用代码校验位不正确', en: 'The credit code check character is wrong' },
  duplicate_in_file: {
    'zh-CN': '统一社会信用代码在文件中重复出现',
    en: 'This credit code appears more than once in the file',
  },
  unknown_region: { 'zh-CN': '行政区划代码不存在', en: 'Unknown region code' },
  org_unknown: { 'zh-CN': '找不到该党组织', en: 'No such Party organisation' },
  org_ambiguous: {
    'zh-CN': '党组织名称不唯一，请填写完整路径（上级/本级）',
    en: 'Ambiguous Party organisation; give its path (parent/name)',
  },
  org_out_of_scope: { 'zh-CN': '党组织不在本人管理范围内', en: 'Party organisation outside your scope' },
  instructor_unknown: { 'zh-CN': '找不到该党建指导员或重名', en: 'Instructor not found or ambiguous' },
  specialist_unknown: { 'zh-CN': '找不到该企业专员（登录名）', en: 'Specialist (login name) not found' },
  invalid_date: {
    'zh-CN': '日期无效，请填写如 2024-03-01 的日期',
    en: 'Not a valid date; write it as 2024-03-01',
  },
  reason_required: {
    'zh-CN': '组织覆盖方式为“未组建”时须填写未组建原因',
    en: 'A reason is required when no Party organisation has been formed',
  },
  party_org_required: {
    'zh-CN': '组织覆盖方式为单独组建或联合党支部时须填写所建党组织',
    en: 'A formed Party organisation needs its organisation',
  },
  party_org_with_none: {
    'zh-CN': '组织覆盖方式为“未组建”时不应填写所建党组织',
    en: 'No Party organisation may be given when none has been formed',
  },
  not_applicable: {
    'zh-CN': '与组织覆盖方式或工作覆盖情况不符，应留空',
    en: 'Does not apply to this coverage; leave it empty',
  },
  leader_contact_unknown: {
    'zh-CN': '找不到该县领导的登录名',
    en: 'Leader contact (login name) not found',
  },
  existing_out_of_scope: {
    'zh-CN': '该统一社会信用代码已由其他单位登记，不在本人管理范围内',
    en: 'This credit code is registered outside your scope',
  },
} satisfies Dict<string>;
export type ImportRowErrorCode = keyof typeof IMPORT_ROW_ERRORS;

export const importRowError = z.object({
  /** The sheet row number as Excel shows it (the header is row 1). */
  row: z.number().int(),
  /** The column header, or null for the whole row. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  /** The cell's text as read (cut to 100 characters). */
  value: z.string().nullable(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const hostOrgImportView = z.object({
  id: z.string(),
  filename: z.string(),
  status: z.enum(IMPORT_STATUS_CODES),
  mode: z.enum(IMPORT_MODE_CODES).nullable(),
  /** Why the whole import failed (IMPORT_WRONG_TEMPLATE, IMPORT_EMPTY …), with its message. */
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  /** Errors kept (at most IMPORT_ERRORS_KEPT); `invalid` counts every bad row. */
  errorCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type HostOrgImportView = z.infer<typeof hostOrgImportView>;

export const IMPORT_ERRORS_KEPT = 1000;
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const importErrorsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorSchema,
});
export const importErrorPage = pageOf(importRowError);
export const importCommitBody = z.object({ mode: z.enum(IMPORT_MODE_CODES) });
export type ImportCommitBody = z.infer<typeof importCommitBody>;
