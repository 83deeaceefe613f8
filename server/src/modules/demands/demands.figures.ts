import { shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import {
  familyMember,
  queryString,
  type FigureDefinition,
  type FigureFamily,
  type FigureArea,
  type FigurePeriod,
} from '../indicators/indicators.registry';
import type { DemandScope } from './demands.policy';
import type { DemandFilter } from './demands.repository';

/** A figure counts over its area, whoever reads it: the area (`orgId`) is the only scope. */
const EVERY_DEMAND: DemandScope = {
  all: true,
  staff: { all: true },
  handlerUserId: null,
  specialistUserId: null,
  ownHostOrgIds: [],
};

/**
 * Demand figures an indicator can be bound to. The area is the firms whose managing organisation is
 * the project's organisation or one below it (as the demands' staff scope reaches firms); the period
 * is the date the demand was received, as in the 接诉即办 figures (`GET /api/demands/stats`), and
 * "resolved" is the same `measure` (a resolution recorded: resolved now, or closed after one). Each
 * count is the demand list's own count with the filters its link carries.
 */
export function demandFigures(store: Store<'demands'>): FigureDefinition[] {
  const filterOf = new Map<string, Pick<DemandFilter, 'measure' | 'category' | 'categoryGroup'>>();
  /** Every demand figure asked for, over every area, from one statement on the daily summary. */
  const family: FigureFamily = {
    async countAreas(keys, areas, period) {
      const ids = areas.map((a) => a.orgId);
      const figures = keys.map((k) => ({ key: k, ...filterOf.get(k)! }));
      const n = await store.repos.demands.summaryUnderOrgs(figures, period, ids, shanghaiDate());
      return new Map(keys.map((k) => [k, ids.map((id) => n.get(id)?.get(k) ?? 0)]));
    },
  };
  const figure = (
    key: string,
    label: FigureDefinition['label'],
    description: FigureDefinition['description'],
    filter: Pick<DemandFilter, 'measure' | 'category' | 'categoryGroup'>,
  ): FigureDefinition => {
    filterOf.set(key, filter);
    const filters = ({ orgId }: FigureArea, { from, to }: FigurePeriod): DemandFilter => ({
      ...filter,
      orgId,
      from,
      to,
    });
    return {
      key,
      label,
      unit: '件',
      description,
      count: (area, period) => store.repos.demands.count(EVERY_DEMAND, filters(area, period), shanghaiDate()),
      // The dashboard's path (issue 15): summed from the daily summary kept with every demand write;
      // server/test/dashboards.test.ts holds each area's sum to the list's count above.
      ...familyMember(family, key),
      link: (area, period) => {
        const f = filters(area, period);
        return `/demands?${queryString({
          measure: f.measure,
          category: f.category,
          categoryGroup: f.categoryGroup,
          orgId: f.orgId,
          from: f.from,
          to: f.to,
        })}`;
      },
    };
  };
  return [
    figure(
      'demands.received',
      { 'zh-CN': '受理企业诉求', en: 'Demands received' },
      { 'zh-CN': '期间内登记受理的企业诉求件数', en: 'Enterprise demands registered in the period' },
      {},
    ),
    figure(
      'demands.resolved',
      { 'zh-CN': '解决企业问题', en: 'Demands resolved' },
      {
        'zh-CN': '期间内受理、已办结（含评价后关闭）的企业诉求件数',
        en: 'Demands received in the period that have been resolved (including closed after resolution)',
      },
      { measure: 'resolved' },
    ),
    figure(
      'demands.resolved.factor',
      { 'zh-CN': '要素保障诉求办结', en: 'Factor-support demands resolved' },
      {
        'zh-CN': '期间内受理、已办结的要素保障类诉求（用地、用能、用水、融资、用工）',
        en: 'Factor-support demands (land, energy, water, financing, labour) received in the period and resolved',
      },
      { measure: 'resolved', categoryGroup: 'factor' },
    ),
    figure(
      'demands.resolved.legacy',
      { 'zh-CN': '历史遗留问题化解', en: 'Legacy issues cleared' },
      {
        'zh-CN': '期间内受理、已办结的历史遗留类诉求',
        en: 'Legacy-issue demands received in the period and resolved',
      },
      { measure: 'resolved', category: 'legacy' },
    ),
    // 接诉即办: the response and satisfaction rates' numerators and denominators (GET /api/demands/stats).
    figure(
      'demands.sign_due',
      { 'zh-CN': '应签收诉求', en: 'Demands due for sign-off' },
      {
        'zh-CN': '期间内受理、已签收或签收期限已过的诉求件数（响应率的分母）',
        en: 'Demands received in the period that were signed for or are past their sign-off date (response rate denominator)',
      },
      { measure: 'sign_due' },
    ),
    figure(
      'demands.signed_on_time',
      { 'zh-CN': '按时签收诉求', en: 'Demands signed for on time' },
      {
        'zh-CN': '期间内受理、在签收期限内签收的诉求件数（响应率的分子）',
        en: 'Demands received in the period and signed for by their sign-off date (response rate numerator)',
      },
      { measure: 'signed_on_time' },
    ),
    figure(
      'demands.rated',
      { 'zh-CN': '已评价诉求', en: 'Demands rated' },
      {
        'zh-CN': '期间内受理、企业已评价的诉求件数（满意率的分母）',
        en: 'Demands received in the period that the enterprise has rated (satisfaction rate denominator)',
      },
      { measure: 'rated' },
    ),
    figure(
      'demands.satisfied',
      { 'zh-CN': '满意诉求', en: 'Demands rated satisfied' },
      {
        'zh-CN': '期间内受理、企业评价为满意或基本满意的诉求件数（满意率的分子）',
        en: 'Demands received in the period rated satisfied or basically satisfied (satisfaction rate numerator)',
      },
      { measure: 'satisfied' },
    ),
  ];
}
