import type { Store } from '../../store';
import { shanghaiDayEnd } from '../../core/time';
import { queryString, type FigureDefinition } from '../indicators/indicators.registry';

/**
 * 小哥码 figures an indicator can be bound to. The area is the project's organisation and those below
 * it: for riders, the workers whose region lies under those organisations' regions (as the passes'
 * staff scope reaches workers); for compounds, the compounds they manage.
 */
export function passFigures(store: Store<'passes'>): FigureDefinition[] {
  return [
    {
      key: 'passes.riders_with_pass',
      label: { 'zh-CN': '持小哥码骑手数', en: 'Riders holding a pass' },
      unit: '人',
      description: {
        'zh-CN': '期末仍有效（未吊销、未过期）的小哥码持有人数，每人计一次',
        en: 'Workers holding a pass valid (not revoked, not expired) at the end of the period, each once',
      },
      count: ({ orgId }, { to }) => store.repos.passes.countRidersWithPass(orgId, shanghaiDayEnd(to)),
      link: () => `/passes?${queryString({ status: 'active' })}`,
    },
    {
      key: 'passes.compounds_in_pilot',
      label: { 'zh-CN': '试点小区数', en: 'Compounds in the pilot' },
      unit: '个',
      description: {
        'zh-CN': '期间内加入小哥码试点的小区数',
        en: 'Compounds that joined the pass pilot in the period',
      },
      count: ({ orgId }, { from, to }) => store.repos.passes.countCompoundsJoined(orgId, from, to),
      link: ({ orgId }) => `/passes?${queryString({ tab: 'compounds', orgId, pilot: true })}`,
    },
  ];
}
