import { z } from 'zod';
import { creditCodeProblem } from './codes';
import {
  boolQuery,
  cursorSchema,
  dateSchema,
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
  ASSIGNMENT_KIND_CODES,
  NOT_FORMED_REASON_CODES,
  ORG_COVERAGE_KIND_CODES,
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
  industry: z.enum(INDUSTRY_CODES).optional(),
  orgCoverageKind: z.enum(ORG_COVERAGE_KIND_CODES).optional(),
  /** "三有" met (1) or not (0). */
  threeHas: boolQuery.optional(),
  /** With `regionCode`: only organisations located in that region itself, not in its subregions. */
  regionExact: boolQuery.optional(),
  /** Only organisations outside any park. */
  parkNone: boolQuery.optional(),
  withTotal: boolQuery,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type HostOrgListQuery = z.infer<typeof hostOrgListQuery>;
/** The list query as sent (URL values). */
export type HostOrgListInput = z.input<typeof hostOrgListQuery>;

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
  // The ledger (issue 11). Optional so that older clients keep working: on create an omitted field
  // takes its default (kind from partyOrgId, premises no, operating yes, the rest empty); on update
  // an omitted field keeps its value.
  orgCoverageKind: z.enum(ORG_COVERAGE_KIND_CODES).optional(),
  orgFormedOn: dateSchema.nullable().optional(),
  notFormedReason: z.enum(NOT_FORMED_REASON_CODES).nullable().optional(),
  notFormedNote: z.string().trim().max(200, msg('too_long')).nullable().optional(),
  liaisonName: z.string().trim().max(40, msg('too_long')).nullable().optional(),
  workCoveredSince: dateSchema.nullable().optional(),
  hasFixedPremises: z.boolean().optional(),
  operatingNormally: z.boolean().optional(),
  leaderContactUserId: refId('user').nullable().optional(),
  /** Why an assignment changed (kept in the assignment history). */
  assignmentReason: z.string().trim().max(200, msg('too_long')).nullable().optional(),
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
  orgCoverageKind: z.enum(ORG_COVERAGE_KIND_CODES),
  orgFormedOn: text,
  notFormedReason: z.enum(NOT_FORMED_REASON_CODES).nullable(),
  notFormedNote: text,
  liaisonName: text,
  workCoveredSince: text,
  hasFixedPremises: z.boolean(),
  operatingNormally: z.boolean(),
  threeHas: z.boolean(),
  leaderContactUserId: text,
  leaderContactName: text,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type HostOrgView = z.infer<typeof hostOrgView>;
/**
 * A row of the list (the ledger table and the name pickers): what the table shows, with the abilities
 * of its action column. The whole record (ledger fields, every reference) is the detail,
 * `GET /host-orgs/:id`, which the edit form loads. Half the bytes of the whole record per row, so a
 * page is serialised and sent in half the time (issue 10, item 8).
 */
export const hostOrgListItem = hostOrgView.pick({
  id: true,
  name: true,
  creditCode: true,
  category: true,
  type: true,
  industry: true,
  sizeClass: true,
  regionCode: true,
  regionName: true,
  staffCount: true,
  partyMemberCount: true,
  coverageStatus: true,
  partyOrgName: true,
  instructorName: true,
  abilities: true,
});
export type HostOrgListItem = z.infer<typeof hostOrgListItem>;
export const hostOrgPage = pageOf(hostOrgListItem);
/** The park names in the caller's scope. */
export const parkList = z.object({ items: z.array(z.string()) });

// ---- The ledger (台账): 交叉任职, 亮身份党员, assignment history, coverage rates (issue 11) ----

export const hostOrgItemParams = z.object({ id: idSchema, itemId: idSchema });

const crossPostFields = {
  personName: trimmed(40),
  partyPost: trimmed(60),
  managementPost: trimmed(60),
  since: dateSchema,
  until: dateSchema.nullish().transform((v) => v ?? null),
};
export const crossPostCreateBody = z.object(crossPostFields);
export const crossPostUpdateBody = z.object({ ...crossPostFields, version: versionSchema });
export type CrossPostCreateBody = z.infer<typeof crossPostCreateBody>;
export type CrossPostUpdateBody = z.infer<typeof crossPostUpdateBody>;
export const crossPostView = z.object({
  id: z.string(),
  hostOrgId: z.string(),
  personName: z.string(),
  partyPost: z.string(),
  managementPost: z.string(),
  since: z.string(),
  until: text,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CrossPostView = z.infer<typeof crossPostView>;
export const crossPostList = z.object({ items: z.array(crossPostView) });

const partyMemberFields = {
  name: trimmed(40),
  position: optionalText(60),
  partyPost: optionalText(60),
  shownSince: dateSchema,
  note: optionalText(200),
};
export const partyMemberCreateBody = z.object(partyMemberFields);
export const partyMemberUpdateBody = z.object({ ...partyMemberFields, version: versionSchema });
export type PartyMemberCreateBody = z.infer<typeof partyMemberCreateBody>;
export type PartyMemberUpdateBody = z.infer<typeof partyMemberUpdateBody>;
export const partyMemberView = z.object({
  id: z.string(),
  hostOrgId: z.string(),
  name: z.string(),
  position: text,
  partyPost: text,
  shownSince: z.string(),
  note: text,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartyMemberView = z.infer<typeof partyMemberView>;
export const partyMemberList = z.object({ items: z.array(partyMemberView) });

export const assignmentView = z.object({
  id: z.string(),
  kind: z.enum(ASSIGNMENT_KIND_CODES),
  personId: text,
  personName: z.string(),
  startedOn: z.string(),
  endedOn: text,
  assignedBy: text,
  assignedByName: text,
  reason: text,
  createdAt: z.string(),
});
export type AssignmentView = z.infer<typeof assignmentView>;
export const assignmentList = z.object({ items: z.array(assignmentView) });

export const COVERAGE_GROUP_BYS = ['region', 'park', 'industry'] as const;
export type CoverageGroupBy = (typeof COVERAGE_GROUP_BYS)[number];
export const coverageQuery = z.object({
  groupBy: z.enum(COVERAGE_GROUP_BYS).default('region'),
  /** Only organisations in this region's subtree; for `region`, the rows are its subregions. */
  regionCode: regionCodeSchema.optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

/** The host-organisation list filters that reproduce a row (links from the rates to the list). */
export const coverageRowFilter = z.object({
  regionCode: z.string().optional(),
  regionExact: z.literal('1').optional(),
  park: z.string().optional(),
  parkNone: z.literal('1').optional(),
  industry: z.enum(INDUSTRY_CODES).optional(),
});
export type CoverageRowFilter = z.infer<typeof coverageRowFilter>;

export const COVERAGE_FIGURES = [
  'total',
  'orgCoveredOwn',
  'orgCoveredJoint',
  'workCoveredOnly',
  'uncovered',
  'threeHasTotal',
  'threeHasUncovered',
] as const;
export type CoverageFigure = (typeof COVERAGE_FIGURES)[number];
/** Each figure's own list filters, added to its row's filter. */
export const COVERAGE_FIGURE_FILTERS: Record<CoverageFigure, Record<string, string>> = {
  total: {},
  orgCoveredOwn: { orgCoverageKind: 'own' },
  orgCoveredJoint: { orgCoverageKind: 'joint' },
  workCoveredOnly: { coverage: 'work_covered' },
  uncovered: { coverage: 'uncovered' },
  threeHasTotal: { threeHas: '1' },
  threeHasUncovered: { threeHas: '1', orgCoverageKind: 'none' },
};
/** The list query behind one number of the coverage table. */
export function coverageListQuery(filter: CoverageRowFilter, figure: CoverageFigure): Record<string, string> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) q[k] = v;
  return { ...q, ...COVERAGE_FIGURE_FILTERS[figure] };
}

export const coverageRow = z.object({
  key: z.string(),
  label: z.string(),
  filter: coverageRowFilter,
  /** Region rows with subregions to drill into. */
  drillable: z.boolean(),
  total: z.number().int(),
  orgCoveredOwn: z.number().int(),
  orgCoveredJoint: z.number().int(),
  workCoveredOnly: z.number().int(),
  uncovered: z.number().int(),
  threeHasTotal: z.number().int(),
  /** 应建未建: "三有" met, no Party organisation. */
  threeHasUncovered: z.number().int(),
  /** (own + joint) / total, null when total is 0. */
  orgRate: z.number().nullable(),
  /** (own + joint + work only) / total. */
  coverageRate: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof coverageRow>;
export const coverageReport = z.object({
  groupBy: z.enum(COVERAGE_GROUP_BYS),
  regionCode: text,
  regionName: text,
  rows: z.array(coverageRow),
  total: coverageRow,
});
export type CoverageReport = z.infer<typeof coverageReport>;
