import type { VisitListQuery } from '@touyan/schemas';
import type { Store } from '../../store';
import type { HostOrgScopeParts } from '../../db/scope-sql';
import { listCounts, queryString, type FigureDefinition } from '../indicators/indicators.registry';

/** A figure counts over its area, whoever reads it: the area (`orgId`) is the only scope. */
const EVERY_FIRM: HostOrgScopeParts = { all: true, subtree: { all: true }, specialistUserId: null, ownHostOrgIds: [] };

/**
 * Visit figures an indicator can be bound to. The area is the firms managed or covered by the
 * project's organisation or one below it (as the visits' read scope reaches firms); the period is
 * the visit date. The count is the visit list's own count with the same filters, so the link shows
 * exactly the rows counted.
 */
export function visitFigures(store: Store<'visits'>): FigureDefinition[] {
  return [
    {
      key: 'visits.firms_visited',
      label: { 'zh-CN': '走访企业数', en: 'Firms visited' },
      unit: '家',
      description: {
        'zh-CN': '期间内有走访记录（含已填写的线上走访）的企业数，每家企业计一次',
        en: 'Firms with at least one recorded visit (online visits once filled) in the period, each counted once',
      },
      ...listCounts(
        ({ orgId }, { from, to }): VisitListQuery => ({
          orgId,
          from,
          to,
          firstPerFirm: true,
          mine: false,
          withTotal: false,
          limit: 20,
        }),
        (q) => store.repos.visits.count(EVERY_FIRM, q, ''),
        (qs) => store.repos.visits.countMany(EVERY_FIRM, qs, ''),
      ),
      link: ({ orgId }, { from, to }) => `/visits?${queryString({ orgId, from, to, firstPerFirm: true })}`,
    },
    {
      key: 'visits.visits',
      label: { 'zh-CN': '走访次数', en: 'Visits' },
      unit: '次',
      description: {
        'zh-CN': '期间内记录的走访次数（含已填写的线上走访）',
        en: 'Visits recorded in the period (online visits once filled)',
      },
      ...listCounts(
        ({ orgId }, { from, to }): VisitListQuery => ({
          orgId,
          from,
          to,
          firstPerFirm: false,
          mine: false,
          withTotal: false,
          limit: 20,
        }),
        (q) => store.repos.visits.count(EVERY_FIRM, q, ''),
        (qs) => store.repos.visits.countMany(EVERY_FIRM, qs, ''),
      ),
      link: ({ orgId }, { from, to }) => `/visits?${queryString({ orgId, from, to })}`,
    },
  ];
}
