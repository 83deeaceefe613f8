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
} from './common';
import {
  COVERAGE_STATUS_CODES,
  HOST_ORG_TYPE_CODES,
  INDUSTRY_CODES,
  SIZE_CLASS_CODES,
  type CoverageStatus,
  type HostOrgCategory,
  type HostOrgType,
  type Industry,
  type SizeClass,
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
  staffCount: z.coerce.number(typeMsg).int(msg('invalid')).min(0, msg('too_small')).max(1_000_000, msg('too_big')),
  partyMemberCount: z.coerce.number(typeMsg).int(msg('invalid')).min(0, msg('too_small')).max(100_000, msg('too_big')),
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

export interface HostOrgView {
  id: string;
  name: string;
  creditCode: string;
  category: HostOrgCategory;
  type: HostOrgType;
  industry: Industry;
  sizeClass: SizeClass;
  regionCode: string;
  regionName: string;
  park: string | null;
  address: string | null;
  staffCount: number;
  partyMemberCount: number;
  managingOrgId: string;
  managingOrgName: string;
  partyOrgId: string | null;
  partyOrgName: string | null;
  instructorId: string | null;
  instructorName: string | null;
  specialistUserId: string | null;
  specialistName: string | null;
  coverageStatus: CoverageStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  abilities: string[];
}
