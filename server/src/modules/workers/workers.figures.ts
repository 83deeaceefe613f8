import type { Store } from '../../store';
import { shanghaiDayEnd, shanghaiDayStart } from '../../core/time';
import { queryString, type FigureDefinition } from '../indicators/indicators.registry';

/**
 * Worker figures an indicator can be bound to. The area is the region of the project's Party
 * organisation and the regions below it (as the workers' read scope reaches them); the period is the
 * verification date. The count is the worker list's own count with the same filters, so the link
 * shows exactly the rows counted.
 */
export function workerFigures(store: Store<'workers'>): FigureDefinition[] {
  return [
    {
      key: 'workers.verified',
      label: { 'zh-CN': '认证新就业群体人数', en: 'Verified workers' },
      unit: '人',
      description: {
        'zh-CN': '期间内通过认证、目前仍为已认证状态的新就业群体（骑手、快递员、司机等）人数',
        en: 'New-employment workers (riders, couriers, drivers) verified in the period and still verified',
      },
      count: ({ orgId }, { from, to }) =>
        store.repos.workers.count(
          { all: true },
          { status: 'verified', orgId, verifiedFrom: shanghaiDayStart(from), verifiedTo: shanghaiDayEnd(to) },
        ),
      // The dashboard's path (issue 15): summed from the daily summary kept with every worker write;
      // server/test/dashboards.test.ts holds each area's sum to the list's count above.
      countAreas: async (areas, period) => {
        const ids = areas.map((a) => a.orgId);
        const n = await store.repos.workers.verifiedUnderOrgs(period, ids);
        return ids.map((id) => n.get(id) ?? 0);
      },
      link: ({ orgId }, { from, to }) =>
        `/workers?${queryString({ orgId, status: 'verified', verifiedFrom: from, verifiedTo: to })}`,
    },
  ];
}
