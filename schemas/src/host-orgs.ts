import { z } from 'zod';
import { creditCodeProblem } from './codes';
import {
  boolQuery,
  cursorSchema,
  idSchema,
  limitSchema,
  msg,
  optionalText,
  refId,
  regionCodeSchema,
  trimmed,
  typeMsg,
  versionSchema,
  requiredNumber,
} from './common';
import { pageOf } from './contract';
import {
  COVERAGE_STATUS_CODES,
  HOST_ORG_CATEGORIES,
  HOST_ORG_TYPE_CODES,
  INDUSTRY_CODES,
  SIZE_CLASS_CODES,
  type HostOrgCategory,
} from './dicts';

export const creditCodeSchema = z
  .string(typeMsg)
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: `credit_code_${problem}` });
  });

export const hostOrgListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  regionCode: regionCodeSchema.optional(),
  type: z.enum(HOST_ORG_TYPE_CODES).optional(),
  sizeClass: z.enum(SIZE_CLASS_CODES).optional(),
  coverage: z.enum(COVERAGE_STATUS_CODES).optional(),
  park: z.string().trim().max(60).optional(),
  managingOrgId: idSchema.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type HostOrgListQuery = z.infer<typeof hostOrgListQuery>;

const hostOrgFields = {
  name: trimmed(100),
  creditCode: creditCodeSchema,
  type: z.enum(HOST_ORG_TYPE_CODES),
  industry: z.enum(INDUSTRY_CODES),
  sizeClass: z.enum(SIZE_CLASS_CODES),
  regionCode: regionCodeSchema,
  park: optionalText(60),
  address: optionalText(200),
  staffCount: requiredNumber((n) => n.int(msg('invalid')).min(0, msg('too_small')).max(1_000_000, msg('too_big'))),
  partyMemberCount: requiredNumber((n) => n.int(msg('invalid')).min(0, msg('too_small')).max(100_000, msg('too_big'))),
  managingOrgId: refId('partyOrg'),
  partyOrgId: refId('partyOrg')
    .nullish()
    .transform((v) => v ?? null),
  instructorId: refId('instructor')
    .nullish()
    .transform((v) => v ?? null),
  specialistUserId: refId('user')
    .nullish()
    .transform((v) => v ?? null),
};

export const hostOrgCreateBody = z.object(hostOrgFields);
export const hostOrgUpdateBody = z.object({ ...hostOrgFields, version: versionSchema });
export type HostOrgCreateBody = z.infer<typeof hostOrgCreateBody>;
export type HostOrgUpdateBody = z.infer<typeof hostOrgUpdateBody>;

const text = z.string().nullable();
const HOST_ORG_CATEGORY_CODES = Object.keys(HOST_ORG_CATEGORIES) as [HostOrgCategory, ...HostOrgCategory[]];
export const hostOrgView = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  category: z.enum(HOST_ORG_CATEGORY_CODES),
  type: z.enum(HOST_ORG_TYPE_CODES),
  industry: z.enum(INDUSTRY_CODES),
  sizeClass: z.enum(SIZE_CLASS_CODES),
  regionCode: z.string(),
  regionName: z.string(),
  park: text,
  address: text,
  staffCount: z.number().int(),
  partyMemberCount: z.number().int(),
  managingOrgId: z.string(),
  managingOrgName: z.string(),
  partyOrgId: text,
  partyOrgName: text,
  instructorId: text,
  instructorName: text,
  specialistUserId: text,
  specialistName: text,
  coverageStatus: z.enum(COVERAGE_STATUS_CODES),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type HostOrgView = z.infer<typeof hostOrgView>;
export const hostOrgPage = pageOf(hostOrgView);
/** The park names in the caller's scope. */
export const parkList = z.object({ items: z.array(z.string()) });
