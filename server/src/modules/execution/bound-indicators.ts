import type { IndicatorBindingView } from '@touyan/schemas';
import type { Selectable } from 'kysely';
import type { ProjectIndicatorsTable } from '../../db/types';
import type { ReposOf } from '../../store';
import { figurePeriod, type FigureRegistry } from '../indicators/indicators.registry';
import type { ProjectRow } from '../projects/projects.service';

type IndicatorRow = Selectable<ProjectIndicatorsTable>;

/** A bound indicator's value now, with its binding as the project answers it. */
export interface BoundValue {
  value: number;
  binding: IndicatorBindingView;
}

/**
 * The values of a project's bound indicators, counted from the records on every read (not cached:
 * a cached value would drift from the rows its link lists as soon as a record changed). The area is
 * the indicator's own (`figureOrgId`), else the project's declaring organisation; the period the
 * binding's dates, else the campaign's year, ended at `until` when given (a quarterly report counts
 * up to its quarter's end). The figures of one project are counted together (in parallel; on
 * PostgreSQL on the pool's connections), not one after the other.
 */
export class BoundIndicators {
  constructor(private readonly figures: FigureRegistry) {}

  async values(
    repos: ReposOf<'campaigns' | 'partyOrgs'>,
    project: Pick<ProjectRow, 'orgId' | 'campaignId'>,
    indicators: readonly IndicatorRow[],
    until?: string,
  ): Promise<Map<string, BoundValue>> {
    const out = new Map<string, BoundValue>();
    const bound = indicators.filter((i) => i.figureKey !== null);
    if (bound.length === 0) return out;
    const areaOf = (i: IndicatorRow) => i.figureOrgId ?? project.orgId;
    const [campaign, names] = await Promise.all([
      repos.campaigns.get({ all: true }, project.campaignId),
      repos.partyOrgs.namesOf(bound.map(areaOf)),
    ]);
    const year = campaign?.year ?? Number(new Date().getUTCFullYear());
    const counted = await Promise.all(
      bound.map(async (i) => {
        const period = figurePeriod(year, i.figureFrom, i.figureTo);
        if (until && until < period.to) period.to = until;
        return { i, period, r: await this.figures.evaluate(i.figureKey!, { orgId: areaOf(i) }, period) };
      }),
    );
    for (const { i, period, r } of counted) {
      // A figure no longer registered (its module removed it) counts nothing rather than failing the page.
      if (!r) continue;
      out.set(i.id, {
        value: r.value,
        binding: {
          key: r.definition.key,
          label: r.definition.label,
          from: period.from,
          to: period.to,
          orgId: areaOf(i),
          orgName: names.get(areaOf(i)) ?? '',
          areaSet: i.figureOrgId !== null,
          link: r.link,
        },
      });
    }
    return out;
  }
}
