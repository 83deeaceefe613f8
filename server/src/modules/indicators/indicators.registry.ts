import { figureKeySchema, type FigureView } from '@touyan/schemas';

/**
 * Where a bound indicator counts: the firms (and their records) of a Party organisation's subtree —
 * the project's declaring organisation — each owning module reading it with its own notion of
 * "a firm under this organisation" (the one its read scope uses).
 */
export interface FigureArea {
  orgId: string;
}

/** The business dates counted, both included (Asia/Shanghai). */
export interface FigurePeriod {
  from: string;
  to: string;
}

type Label = { 'zh-CN': string; en: string };

/**
 * A service figure, registered by the module that owns its records (`<module>.figures.ts`): a stable
 * key, labels, a unit, how to count it over an area and a period, and the web list that shows the
 * rows counted. `count` and `link` must describe the same rows: a test in the owning module's suite
 * checks the value against the list's total.
 */
export interface FigureDefinition {
  key: string;
  label: Label;
  unit: string;
  description: Label;
  count(area: FigureArea, period: FigurePeriod): Promise<number>;
  /**
   * Optional: `count` of several areas in one statement (a dashboard's area and its counties), in
   * the order given; each must equal `count` of that area (the dashboards test holds each to its list).
   */
  countAreas?(areas: readonly FigureArea[], period: FigurePeriod): Promise<number[]>;
  /** The web list of the rows counted: a path with its query string. */
  link(area: FigureArea, period: FigurePeriod): string;
  /**
   * Optional: a family of figures read together (the demand figures from one daily summary): the
   * dashboard asks the family once for all its figures of a panel instead of each figure alone.
   */
  family?: FigureFamily;
}

/** Figures counted by one statement: each figure's `countAreas` for every area, by figure key. */
export interface FigureFamily {
  countAreas(
    keys: readonly string[],
    areas: readonly FigureArea[],
    period: FigurePeriod,
  ): Promise<Map<string, number[]>>;
}

/** `countAreas` and `family` of a figure counted by a family: its key alone asked of the family. */
export function familyMember(family: FigureFamily, key: string): Pick<FigureDefinition, 'countAreas' | 'family'> {
  return { family, countAreas: async (areas, period) => (await family.countAreas([key], areas, period)).get(key)! };
}

/**
 * `count` and `countAreas` of a figure that is a list's count with one filter per area and period:
 * `count` asks the list's count, `countAreas` every area's in one statement (`countMany`), so the
 * two count alike by construction.
 */
export function listCounts<F>(
  filter: (area: FigureArea, period: FigurePeriod) => F,
  count: (f: F) => Promise<number>,
  countMany: (fs: F[]) => Promise<number[]>,
): Pick<FigureDefinition, 'count' | 'countAreas'> {
  return {
    count: (area, period) => count(filter(area, period)),
    countAreas: (areas, period) => countMany(areas.map((a) => filter(a, period))),
  };
}

/** A query string from the defined values, in the given order. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === false || v === '') continue;
    q.set(k, v === true ? '1' : String(v));
  }
  return q.toString();
}

/**
 * The registry of service figures an indicator may be bound to. Modules register theirs once, at
 * composition (services.ts); keys are unique and checked against `figureKeySchema`.
 */
export class FigureRegistry {
  private readonly figures = new Map<string, FigureDefinition>();

  constructor(definitions: readonly FigureDefinition[] = []) {
    this.register(...definitions);
  }

  register(...definitions: FigureDefinition[]): this {
    for (const d of definitions) {
      if (!figureKeySchema.safeParse(d.key).success) throw new Error(`invalid figure key: ${d.key}`);
      if (this.figures.has(d.key)) throw new Error(`figure registered twice: ${d.key}`);
      this.figures.set(d.key, d);
    }
    return this;
  }

  has(key: string): boolean {
    return this.figures.has(key);
  }

  get(key: string): FigureDefinition | undefined {
    return this.figures.get(key);
  }

  /** Every figure, in the order registered, as the declaration form offers them. */
  list(): FigureView[] {
    return [...this.figures.values()].map((d) => ({
      key: d.key,
      label: d.label,
      unit: d.unit,
      description: d.description,
    }));
  }

  /** The value and the rows' link of a figure over an area and period (unknown key: null). */
  async evaluate(
    key: string,
    area: FigureArea,
    period: FigurePeriod,
  ): Promise<{ value: number; link: string; definition: FigureDefinition } | null> {
    const d = this.figures.get(key);
    if (!d) return null;
    return { value: await d.count(area, period), link: d.link(area, period), definition: d };
  }
}

/** The period of a project's figures: the binding's own dates, else the campaign's year. */
export function figurePeriod(campaignYear: number, from: string | null, to: string | null): FigurePeriod {
  return { from: from ?? `${campaignYear}-01-01`, to: to ?? `${campaignYear}-12-31` };
}
