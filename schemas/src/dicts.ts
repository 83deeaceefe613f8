import type { Label } from './i18n';

/** A dictionary: stable English codes in data, labels per language for display. */
export type Dict<K extends string> = Record<K, Label>;

function keys<K extends string>(d: Dict<K>): [K, ...K[]] {
  return Object.keys(d) as [K, ...K[]];
}

export const PARTY_ORG_TYPES = {
  sw_dept: { 'zh-CN': '社会工作部', en: 'Social Work Department' },
  two_new_committee: { 'zh-CN': '"两新"工委', en: 'Two-new working committee' },
  park_committee: { 'zh-CN': '园区企业党委', en: 'Park enterprise Party committee' },
  industry_committee: { 'zh-CN': '行业党委', en: 'Industry Party committee' },
  composite_committee: { 'zh-CN': '综合党委', en: 'Composite Party committee' },
  general_branch: { 'zh-CN': '党总支', en: 'General Party branch' },
  branch: { 'zh-CN': '党支部', en: 'Party branch' },
  joint_branch: { 'zh-CN': '联合党支部', en: 'Joint Party branch' },
} satisfies Dict<string>;
export type PartyOrgType = keyof typeof PARTY_ORG_TYPES;
export const PARTY_ORG_TYPE_CODES = keys(PARTY_ORG_TYPES);

/** Which kinds of node may sit under which: keeps the tree shaped like the real hierarchy. */
export const PARTY_ORG_CHILD_TYPES: Record<PartyOrgType, PartyOrgType[]> = {
  sw_dept: ['sw_dept', 'two_new_committee', 'park_committee', 'industry_committee', 'composite_committee'],
  two_new_committee: ['general_branch', 'branch', 'joint_branch'],
  park_committee: ['general_branch', 'branch', 'joint_branch'],
  industry_committee: ['general_branch', 'branch', 'joint_branch'],
  composite_committee: ['general_branch', 'branch', 'joint_branch'],
  general_branch: ['branch'],
  branch: [],
  joint_branch: [],
};

export const HOST_ORG_CATEGORIES = {
  new_economic: { 'zh-CN': '新经济组织', en: 'New economic organisation' },
  new_social: { 'zh-CN': '新社会组织', en: 'New social organisation' },
} satisfies Dict<string>;
export type HostOrgCategory = keyof typeof HOST_ORG_CATEGORIES;

export const HOST_ORG_TYPES = {
  private_enterprise: { 'zh-CN': '民营企业', en: 'Private enterprise' },
  platform_enterprise: { 'zh-CN': '平台企业', en: 'Platform enterprise' },
  foreign_enterprise: { 'zh-CN': '外资企业', en: 'Foreign-invested enterprise' },
  social_group: { 'zh-CN': '社会团体', en: 'Social group' },
  foundation: { 'zh-CN': '基金会', en: 'Foundation' },
  private_non_enterprise: { 'zh-CN': '民办非企业单位', en: 'Private non-enterprise unit' },
} satisfies Dict<string>;
export type HostOrgType = keyof typeof HOST_ORG_TYPES;
export const HOST_ORG_TYPE_CODES = keys(HOST_ORG_TYPES);
export const HOST_ORG_TYPE_CATEGORY: Record<HostOrgType, HostOrgCategory> = {
  private_enterprise: 'new_economic',
  platform_enterprise: 'new_economic',
  foreign_enterprise: 'new_economic',
  social_group: 'new_social',
  foundation: 'new_social',
  private_non_enterprise: 'new_social',
};

/** GB/T 4754-2017 sections (门类). */
export const INDUSTRIES = {
  A: { 'zh-CN': '农、林、牧、渔业', en: 'Agriculture, forestry, animal husbandry and fishery' },
  B: { 'zh-CN': '采矿业', en: 'Mining' },
  C: { 'zh-CN': '制造业', en: 'Manufacturing' },
  D: { 'zh-CN': '电力、热力、燃气及水生产和供应业', en: 'Utilities' },
  E: { 'zh-CN': '建筑业', en: 'Construction' },
  F: { 'zh-CN': '批发和零售业', en: 'Wholesale and retail' },
  G: { 'zh-CN': '交通运输、仓储和邮政业', en: 'Transport, storage and post' },
  H: { 'zh-CN': '住宿和餐饮业', en: 'Accommodation and catering' },
  I: { 'zh-CN': '信息传输、软件和信息技术服务业', en: 'Information technology services' },
  J: { 'zh-CN': '金融业', en: 'Finance' },
  K: { 'zh-CN': '房地产业', en: 'Real estate' },
  L: { 'zh-CN': '租赁和商务服务业', en: 'Leasing and business services' },
  M: { 'zh-CN': '科学研究和技术服务业', en: 'Scientific research and technical services' },
  N: { 'zh-CN': '水利、环境和公共设施管理业', en: 'Water, environment and public facilities' },
  O: { 'zh-CN': '居民服务、修理和其他服务业', en: 'Resident and repair services' },
  P: { 'zh-CN': '教育', en: 'Education' },
  Q: { 'zh-CN': '卫生和社会工作', en: 'Health and social work' },
  R: { 'zh-CN': '文化、体育和娱乐业', en: 'Culture, sports and entertainment' },
  S: { 'zh-CN': '公共管理、社会保障和社会组织', en: 'Public administration and social organisations' },
} satisfies Dict<string>;
export type Industry = keyof typeof INDUSTRIES;
export const INDUSTRY_CODES = keys(INDUSTRIES);

export const SIZE_CLASSES = {
  above: { 'zh-CN': '规上', en: 'Above designated size' },
  below: { 'zh-CN': '规下', en: 'Below designated size' },
} satisfies Dict<string>;
export type SizeClass = keyof typeof SIZE_CLASSES;
export const SIZE_CLASS_CODES = keys(SIZE_CLASSES);

/** 两个覆盖: derived from the record (Party organisation linked → 组织覆盖; only an instructor → 工作覆盖). */
export const COVERAGE_STATUSES = {
  org_covered: { 'zh-CN': '组织覆盖', en: 'Organisation coverage' },
  work_covered: { 'zh-CN': '工作覆盖', en: 'Work coverage only' },
  uncovered: { 'zh-CN': '未覆盖', en: 'Not covered' },
} satisfies Dict<string>;
export type CoverageStatus = keyof typeof COVERAGE_STATUSES;
export const COVERAGE_STATUS_CODES = keys(COVERAGE_STATUSES);

/** 组织覆盖: the organisation's own Party organisation (单独组建), a joint branch (联合党支部), or none. */
export const ORG_COVERAGE_KINDS = {
  own: { 'zh-CN': '单独组建', en: 'Own Party organisation' },
  joint: { 'zh-CN': '联合党支部', en: 'Joint Party branch' },
  none: { 'zh-CN': '未组建', en: 'Not formed' },
} satisfies Dict<string>;
export type OrgCoverageKind = keyof typeof ORG_COVERAGE_KINDS;
export const ORG_COVERAGE_KIND_CODES = keys(ORG_COVERAGE_KINDS);

/** Why no Party organisation has been formed (with free text beside it). */
export const NOT_FORMED_REASONS = {
  few_members: { 'zh-CN': '党员人数不足3人', en: 'Fewer than 3 Party members' },
  small_scale: { 'zh-CN': '企业规模小', en: 'Small enterprise' },
  high_turnover: { 'zh-CN': '员工流动性大', en: 'High staff turnover' },
  forming: { 'zh-CN': '正在组建', en: 'Being formed' },
  other: { 'zh-CN': '其他', en: 'Other' },
} satisfies Dict<string>;
export type NotFormedReason = keyof typeof NOT_FORMED_REASONS;
export const NOT_FORMED_REASON_CODES = keys(NOT_FORMED_REASONS);

/** Who is assigned to an organisation (history in host_org_assignments). */
export const ASSIGNMENT_KINDS = {
  instructor: { 'zh-CN': '党建指导员', en: 'Party-building instructor' },
  liaison: { 'zh-CN': '联络员', en: 'Liaison' },
  specialist: { 'zh-CN': '企业专员', en: 'Enterprise specialist' },
  leader_contact: { 'zh-CN': '县领导定点联系', en: 'Leader contact' },
} satisfies Dict<string>;
export type AssignmentKind = keyof typeof ASSIGNMENT_KINDS;
export const ASSIGNMENT_KIND_CODES = keys(ASSIGNMENT_KINDS);

/**
 * 两个覆盖 from the record: a Party organisation (own or joint) → 组织覆盖; else an instructor or a
 * liaison → 工作覆盖; else 未覆盖. Without `orgCoverageKind` (older clients) a linked Party
 * organisation counts as its own.
 */
export function coverageStatusOf(rec: {
  partyOrgId: string | null;
  instructorId: string | null;
  orgCoverageKind?: OrgCoverageKind;
  liaisonName?: string | null;
}): CoverageStatus {
  const kind = rec.orgCoverageKind ?? (rec.partyOrgId ? 'own' : 'none');
  if (kind !== 'none') return 'org_covered';
  if (rec.instructorId || rec.liaisonName) return 'work_covered';
  return 'uncovered';
}

/** "三有": fixed premises, at least 10 staff, operating normally — where a Party organisation should be formed. */
export const THREE_HAS_MIN_STAFF = 10;
export function threeHasOf(rec: { hasFixedPremises: boolean; staffCount: number; operatingNormally: boolean }) {
  return rec.hasFixedPremises && rec.operatingNormally && rec.staffCount >= THREE_HAS_MIN_STAFF;
}

export const REGION_LEVELS = {
  1: { 'zh-CN': '省级', en: 'Province' },
  2: { 'zh-CN': '地级', en: 'Prefecture' },
  3: { 'zh-CN': '县级', en: 'County' },
  4: { 'zh-CN': '乡级', en: 'Township' },
} as const;

export const AUDIT_ACTIONS = {
  create: { 'zh-CN': '新增', en: 'Create' },
  update: { 'zh-CN': '修改', en: 'Update' },
  delete: { 'zh-CN': '删除', en: 'Delete' },
  move: { 'zh-CN': '移动', en: 'Move' },
  login: { 'zh-CN': '登录', en: 'Log in' },
  login_failed: { 'zh-CN': '登录失败', en: 'Failed log-in' },
  login_throttled: { 'zh-CN': '登录受限', en: 'Log-in throttled' },
  logout: { 'zh-CN': '退出', en: 'Log out' },
  change_password: { 'zh-CN': '修改密码', en: 'Change password' },
  reset_password: { 'zh-CN': '重置密码', en: 'Reset password' },
  grant_role: { 'zh-CN': '授予角色', en: 'Grant role' },
  revoke_role: { 'zh-CN': '撤销角色', en: 'Revoke role' },
  unlock: { 'zh-CN': '解除锁定', en: 'Unlock' },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  reveal: { 'zh-CN': '查看完整信息', en: 'Reveal in full' },
} satisfies Dict<string>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_CODES = keys(AUDIT_ACTIONS);

export const ENTITY_TYPES = {
  region: { 'zh-CN': '行政区划', en: 'Region' },
  party_org: { 'zh-CN': '党组织', en: 'Party organisation' },
  host_org: { 'zh-CN': '两新组织', en: 'Host organisation' },
  host_org_cross_post: { 'zh-CN': '交叉任职', en: 'Cross post' },
  host_org_party_member: { 'zh-CN': '亮身份党员', en: 'Party member showing identity' },
  instructor: { 'zh-CN': '党建工作指导员', en: 'Party-building instructor' },
  user: { 'zh-CN': '用户', en: 'User' },
  role_binding: { 'zh-CN': '角色授权', en: 'Role binding' },
  campaign: { 'zh-CN': '书记项目活动', en: 'Campaign' },
  challenge: { 'zh-CN': '揭榜难题', en: 'Challenge' },
  project: { 'zh-CN': '书记项目', en: 'Project' },
  review_meeting: { 'zh-CN': '研判会', en: 'Review meeting' },
  quarterly_report: { 'zh-CN': '季度报告', en: 'Quarterly report' },
  supervision: { 'zh-CN': '督办', en: 'Supervision notice' },
  contest: { 'zh-CN': '比武打擂', en: 'Contest' },
  rubric_template: { 'zh-CN': '评分细则模板', en: 'Rubric template' },
  assessment_scheme: { 'zh-CN': '年度考核方案', en: 'Assessment scheme' },
  assessment_sheet: { 'zh-CN': '年度考核表', en: 'Assessment sheet' },
  job: { 'zh-CN': '后台任务', en: 'Background job' },
  demand: { 'zh-CN': '企业诉求', en: 'Enterprise demand' },
  department: { 'zh-CN': '承办部门', en: 'Department' },
  demand_route: { 'zh-CN': '诉求分办规则', en: 'Demand route' },
  work_calendar: { 'zh-CN': '工作日历', en: 'Working-day calendar' },
  compound: { 'zh-CN': '试点小区', en: 'Compound' },
  pass: { 'zh-CN': '小哥码', en: 'Rider pass' },
  pass_key: { 'zh-CN': '小哥码签发密钥', en: 'Pass issuer key' },
  worker: { 'zh-CN': '新就业群体', en: 'Worker' },
  dispute_centre: { 'zh-CN': '劳动争议调解中心', en: 'Dispute centre' },
  dispute_case: { 'zh-CN': '劳动争议案件', en: 'Dispute case' },
  dispute_consultation: { 'zh-CN': '法律咨询', en: 'Legal consultation' },
} satisfies Dict<string>;
export type EntityType = keyof typeof ENTITY_TYPES;
export const ENTITY_TYPE_CODES = keys(ENTITY_TYPES);

/** The largest file any upload takes: 20 MB (the server refuses more with ATTACHMENT_TOO_LARGE). */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
