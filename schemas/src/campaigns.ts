import { z } from 'zod';
import {
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  msg,
  optionalText,
  refId,
  trimmed,
  versionSchema,
  requiredNumber,
} from './common';
import { pageOf } from './contract';
import { PARTY_ORG_TYPE_CODES, type Dict } from './dicts';

/** Default topic scope, from the article (丹东's 选题范围). */
export const DEFAULT_THEMES = [
  {
    code: 'serve_workers',
    name: '凝聚服务新就业群体',
    description: '聚焦外卖骑手、快递员、网约车司机等新就业群体急难愁盼问题',
  },
  {
    code: 'branch_standard',
    name: '新兴领域党支部规范化建设',
    description: '推进新经济组织、新社会组织党支部标准化规范化建设',
  },
  { code: 'park_quality', name: '园区党建提质增效', description: '以园区企业党委为抓手提升园区党建整体水平' },
  { code: 'two_coverages', name: '推进两个覆盖', description: '扩大党的组织覆盖和工作覆盖' },
  { code: 'lead_development', name: '党建引领发展', description: '推动党建工作和业务发展同频共振' },
] as const;

/** Default review criteria (研判要点), each judged on a 1–5 scale. */
export const DEFAULT_CRITERIA = [
  { code: 'overall', name: '全局性', description: '能否解决一类问题、推动整体工作' },
  { code: 'operable', name: '操作性', description: '措施是否具体可行' },
  { code: 'focus', name: '聚焦度', description: '是否聚焦重点难点' },
  { code: 'innovative', name: '创新性', description: '思路和方法是否有创新' },
  { code: 'measurable', name: '可量化', description: '目标和指标是否可量化考核' },
] as const;

export const CAMPAIGN_STATUSES = {
  draft: { 'zh-CN': '筹备中', en: 'Draft' },
  published: { 'zh-CN': '已发布', en: 'Published' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
} satisfies Dict<string>;
export type CampaignStatus = keyof typeof CAMPAIGN_STATUSES;
export const CAMPAIGN_STATUS_CODES = Object.keys(CAMPAIGN_STATUSES) as [CampaignStatus, ...CampaignStatus[]];

const codeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, msg('invalid'));

export const themeSchema = z.object({
  code: codeSchema,
  name: trimmed(40),
  description: optionalText(300),
});
export type Theme = z.infer<typeof themeSchema>;

export const criterionSchema = z.object({
  code: codeSchema,
  name: trimmed(20),
  description: optionalText(200),
});
export type Criterion = z.infer<typeof criterionSchema>;

const campaignFields = {
  name: trimmed(80),
  year: requiredNumber((n) => n.int().min(2020).max(2100)),
  /** Prefix of project codes, e.g. DD → DD-2025-001. */
  codePrefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2,6}$/, msg('invalid')),
  themes: z.array(themeSchema).min(1, msg('required')).max(20),
  eligibleOrgTypes: z.array(z.enum(PARTY_ORG_TYPE_CODES)).min(1, msg('required')),
  criteria: z.array(criterionSchema).min(1, msg('required')).max(10),
  declareFrom: dateSchema,
  declareTo: dateSchema,
  reviewDates: z.array(dateSchema).max(10).default([]),
  /** Quarterly reports are due this many days after each quarter ends (default 10). */
  reportDueDays: z.coerce.number().int().min(1).max(60).default(10),
  contestDate: dateSchema.nullish().transform((v) => v ?? null),
  description: optionalText(2000),
};

const windowRefine = (v: { declareFrom: string; declareTo: string }, ctx: z.RefinementCtx) => {
  if (v.declareTo < v.declareFrom) ctx.addIssue({ code: 'custom', path: ['declareTo'], message: 'invalid' });
};

/** The scope node is the creator's 社工部 node (orgId). */
export const campaignCreateBody = z.object({ ...campaignFields, orgId: refId('partyOrg') }).superRefine(windowRefine);
export const campaignUpdateBody = z.object({ ...campaignFields, version: versionSchema }).superRefine(windowRefine);
export type CampaignCreateBody = z.infer<typeof campaignCreateBody>;
export type CampaignUpdateBody = z.infer<typeof campaignUpdateBody>;

export const campaignListQuery = z.object({
  year: z.coerce.number().int().optional(),
  status: z.enum(['draft', 'published', 'closed']).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

const textView = z.string().nullable();
export const themeView = z.object({ code: z.string(), name: z.string(), description: textView });
export const criterionView = themeView;

export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  codePrefix: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  status: z.enum(CAMPAIGN_STATUS_CODES),
  themes: z.array(themeView),
  eligibleOrgTypes: z.array(z.enum(PARTY_ORG_TYPE_CODES)),
  criteria: z.array(criterionView),
  declareFrom: z.string(),
  declareTo: z.string(),
  reviewDates: z.array(z.string()),
  reportDueDays: z.number().int(),
  /** The four quarterly due dates of the campaign year, computed from reportDueDays. */
  reportDueDates: z.array(z.string()),
  contestDate: textView,
  description: textView,
  /** Whether today (Asia/Shanghai) is inside the declaration window. */
  windowOpen: z.boolean(),
  counts: z.object({ declared: z.number().int(), approved: z.number().int(), challenges: z.number().int() }),
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignPage = pageOf(campaignView);

// ——— Challenge board (难题揭榜) ———

export const TARGET_GROUPS = {
  new_economic: { 'zh-CN': '新经济组织', en: 'New economic organisations' },
  new_social: { 'zh-CN': '新社会组织', en: 'New social organisations' },
  new_workers: { 'zh-CN': '新就业群体', en: 'New-employment workers' },
} satisfies Dict<string>;
export type TargetGroup = keyof typeof TARGET_GROUPS;
export const TARGET_GROUP_CODES = Object.keys(TARGET_GROUPS) as [TargetGroup, ...TargetGroup[]];

export const CHALLENGE_STATUSES = {
  open: { 'zh-CN': '待揭榜', en: 'Open' },
  claimed: { 'zh-CN': '已揭榜', en: 'Claimed' },
  solved: { 'zh-CN': '已解决', en: 'Solved' },
} satisfies Dict<string>;
export type ChallengeStatus = keyof typeof CHALLENGE_STATUSES;
export const CHALLENGE_STATUS_CODES = Object.keys(CHALLENGE_STATUSES) as [ChallengeStatus, ...ChallengeStatus[]];

const challengeFields = {
  title: trimmed(80),
  description: trimmed(2000),
  theme: codeSchema,
  targetGroup: z.enum(TARGET_GROUP_CODES),
  regionCode: z.string().regex(/^\d{6}$/, msg('region_code')),
  evidence: optionalText(1000),
  /** e.g. "43 demands of this kind collected in visits" → 43 */
  evidenceCount: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .nullish()
    .transform((v) => v ?? null),
  claimDeadline: dateSchema,
};
export const challengeCreateBody = z.object({ ...challengeFields, campaignId: refId('campaign') });
export const challengeUpdateBody = z.object({ ...challengeFields, version: versionSchema });
export type ChallengeCreateBody = z.infer<typeof challengeCreateBody>;
export type ChallengeUpdateBody = z.infer<typeof challengeUpdateBody>;

export const challengeListQuery = z.object({
  campaignId: idSchema.optional(),
  status: z.enum(['open', 'claimed', 'solved']).optional(),
  theme: codeSchema.optional(),
  targetGroup: z.enum(TARGET_GROUP_CODES).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  q: z.string().trim().max(60).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

/** Open enterprise demands (诉求) posted to the board as a problem's evidence (same county, none on a challenge yet). */
const evidenceDemandIds = z.array(refId('demand')).min(1, msg('required')).max(50, msg('too_long'));
/** Posts a new challenge from one or several similar demands. */
export const challengeFromDemandsBody = challengeCreateBody.extend({ demandIds: evidenceDemandIds });
export type ChallengeFromDemandsBody = z.infer<typeof challengeFromDemandsBody>;
/** Attaches demands to an existing open challenge (its version: the evidence count may change). */
export const challengeAttachDemandsBody = z.object({ demandIds: evidenceDemandIds, version: versionSchema });
export type ChallengeAttachDemandsBody = z.infer<typeof challengeAttachDemandsBody>;

/** Claiming names the Party organisation that takes the problem on (the secretary's own). */
export const challengeClaimBody = z.object({ orgId: refId('partyOrg'), version: versionSchema });

export const challengeView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  title: z.string(),
  description: z.string(),
  theme: z.string(),
  themeName: z.string(),
  targetGroup: z.enum(TARGET_GROUP_CODES),
  regionCode: z.string(),
  regionName: z.string(),
  evidence: textView,
  evidenceCount: z.number().int().nullable(),
  claimDeadline: z.string(),
  status: z.enum(CHALLENGE_STATUS_CODES),
  claimedByOrgId: textView,
  claimedByOrgName: textView,
  claimedAt: textView,
  projectId: textView,
  projectCode: textView,
  /** The claim deadline (Asia/Shanghai) has passed. */
  deadlinePassed: z.boolean(),
  /** The caller's own Party organisations that may claim it (empty unless the caller may claim). */
  claimOrgs: z.array(z.object({ id: z.string(), name: z.string() })),
  /**
   * The enterprise demands posted as this problem's evidence: how many there are, and those the
   * caller may read (a caller who cannot see a demand sees it only in the count).
   */
  evidenceDemands: z.object({
    total: z.number().int(),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        hostOrgName: z.string(),
        category: z.string(),
        status: z.string(),
      }),
    ),
  }),
  createdAt: z.string(),
  version: z.number().int(),
  /** 'update' for staff who write the campaign while open; 'claim' for an eligible secretary while open. */
  abilities: z.array(z.string()),
});
export type ChallengeView = z.infer<typeof challengeView>;

/** A page of the board, with how many of each status match the other filters (for the tabs). */
export const challengePage = pageOf(challengeView).extend({
  counts: z.object({ open: z.number().int(), claimed: z.number().int(), solved: z.number().int() }),
});
export type ChallengePage = z.infer<typeof challengePage>;
