import type { Dict } from './dicts';

// ——— Enterprise demands (企业诉求): dictionaries without zod, for the light pages too ———

/** Categories; 要素保障 comes in sub-kinds (用地, 用能, 用水, 融资, 用工). 融资 = funding applications. */
export const DEMAND_CATEGORIES = {
  factor_land: { 'zh-CN': '要素保障·用地', en: 'Factor support · land' },
  factor_energy: { 'zh-CN': '要素保障·用能', en: 'Factor support · energy' },
  factor_water: { 'zh-CN': '要素保障·用水', en: 'Factor support · water' },
  factor_finance: { 'zh-CN': '要素保障·融资', en: 'Factor support · financing' },
  factor_labour: { 'zh-CN': '要素保障·用工', en: 'Factor support · labour' },
  technology: { 'zh-CN': '技术', en: 'Technology' },
  policy: { 'zh-CN': '政策', en: 'Policy' },
  legacy: { 'zh-CN': '历史遗留', en: 'Legacy issue' },
  other: { 'zh-CN': '其他', en: 'Other' },
} satisfies Dict<string>;
export type DemandCategory = keyof typeof DEMAND_CATEGORIES;
export const DEMAND_CATEGORY_CODES = Object.keys(DEMAND_CATEGORIES) as [DemandCategory, ...DemandCategory[]];
/** The category group 要素保障 (factor support), for filters and labels. */
export const FACTOR_CATEGORIES: readonly DemandCategory[] = [
  'factor_land',
  'factor_energy',
  'factor_water',
  'factor_finance',
  'factor_labour',
];

export const DEMAND_SOURCES = {
  visit: { 'zh-CN': '走访', en: 'Field visit' },
  contact: { 'zh-CN': '企业提交', en: 'Submitted by the enterprise' },
  online_visit: { 'zh-CN': '线上走访', en: 'Online visit' },
  staff: { 'zh-CN': '工作人员录入', en: 'Entered by staff' },
} satisfies Dict<string>;
export type DemandSource = keyof typeof DEMAND_SOURCES;
export const DEMAND_SOURCE_CODES = Object.keys(DEMAND_SOURCES) as [DemandSource, ...DemandSource[]];

export const DEMAND_STATUSES = {
  received: { 'zh-CN': '待签收', en: 'Awaiting sign-off' },
  accepted: { 'zh-CN': '已签收', en: 'Signed for' },
  in_progress: { 'zh-CN': '办理中', en: 'In progress' },
  resolved: { 'zh-CN': '已办结待评价', en: 'Resolved, awaiting rating' },
  returned: { 'zh-CN': '已退回待重新分办', en: 'Returned for re-routing' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
} satisfies Dict<string>;
export type DemandStatus = keyof typeof DEMAND_STATUSES;
export const DEMAND_STATUS_CODES = Object.keys(DEMAND_STATUSES) as [DemandStatus, ...DemandStatus[]];

/** Statuses still awaiting the department's work (not resolved, rated or closed): 未办结. */
export const OPEN_DEMAND_STATUSES: readonly DemandStatus[] = ['received', 'accepted', 'in_progress', 'returned'];
/** Category groups for filters and figures: 要素保障 is the five factor categories. */
export const DEMAND_CATEGORY_GROUPS = {
  factor: { 'zh-CN': '要素保障', en: 'Factor support' },
} satisfies Dict<string>;
export type DemandCategoryGroup = keyof typeof DEMAND_CATEGORY_GROUPS;

/** Longest description of a demand raised with a visit (phone page or the firm's online form). */
export const VISIT_DEMAND_DESCRIPTION_MAX = 1000;
/** Most demands raised with one visit. */
export const VISIT_DEMANDS_MAX = 5;
