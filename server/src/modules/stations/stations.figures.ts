import type { Store } from '../../store';
import {
  listCounts,
  queryString,
  type FigureArea,
  type FigureDefinition,
  type FigurePeriod,
} from '../indicators/indicators.registry';
import type { StationScope } from './stations.policy';
import type { StationFilter } from './stations.repository';

/** A figure counts over its area, whoever reads it: the area (`orgId`) is the only scope. */
const EVERY_STATION: StationScope = { all: true, regionOrgIds: [], managerUserId: null };

/**
 * Station figures an indicator can be bound to. The area is the region of the project's Party
 * organisation and the regions below it; the period is the opening date. The count is the ledger's
 * own count with the same filters, so the link (the administration ledger) shows exactly the rows counted.
 */
/** The ledger's count with the figure's filter, for one area or several in one statement. */
const stationCounts = (store: Store<'stations'>, filter: (area: FigureArea, period: FigurePeriod) => StationFilter) =>
  listCounts(
    filter,
    (f) => store.repos.stations.count(EVERY_STATION, f),
    (fs) => store.repos.stations.countMany(EVERY_STATION, fs),
  );

export function stationFigures(store: Store<'stations'>): FigureDefinition[] {
  return [
    {
      key: 'stations.count',
      label: { 'zh-CN': '建成驿家数', en: 'Stations opened' },
      unit: '个',
      description: {
        'zh-CN': '期间内建成（开放日期在期间内）的惠新驿家站点数，按党组织所在行政区划及以下统计',
        en: 'Worker stations opened in the period, in the region of the organisation and below',
      },
      ...stationCounts(store, ({ orgId }, { from, to }) => ({ orgId, openedFrom: from, openedTo: to })),
      link: ({ orgId }, { from, to }) => `/stations/ledger?${queryString({ orgId, openedFrom: from, openedTo: to })}`,
    },
    {
      key: 'stations.used',
      label: { 'zh-CN': '有骑手使用的驿家', en: 'Stations used' },
      unit: '个',
      description: {
        'zh-CN': '期间内至少有一次扫码签到的惠新驿家站点数，按党组织所在行政区划及以下统计',
        en: 'Worker stations with at least one check-in in the period, in the region of the organisation and below',
      },
      ...stationCounts(store, ({ orgId }, { from, to }) => ({ orgId, usedFrom: from, usedTo: to })),
      link: ({ orgId }, { from, to }) => `/stations/ledger?${queryString({ orgId, usedFrom: from, usedTo: to })}`,
    },
  ];
}
