import { z } from 'zod';
import { dateSchema, msg, refId } from './common';
import { itemsOf } from './contract';

// ——— Indicators bound to service figures (issue 11) ———

/**
 * A service figure's stable key: the owning module, then what it counts (`visits.firms_visited`,
 * `demands.resolved.factor`). Registered on the server by the owning module (`*.figures.ts`).
 */
export const figureKeySchema = z
  .string()
  .max(60)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, msg('invalid'));

/** An optional figure binding of a declared indicator: absent or null = entered by hand (manual). */
export const figureBindingFields = {
  figure: figureKeySchema.nullish().transform((v) => v ?? null),
  /** The period counted (Asia/Shanghai dates); null = the project's period (its campaign's year). */
  figureFrom: dateSchema.nullish().transform((v) => v ?? null),
  figureTo: dateSchema.nullish().transform((v) => v ?? null),
  /**
   * The area counted: the Party organisation whose subtree's records count; null = the declaring
   * organisation. A secretary may name only one in the declaring organisation's subtree.
   */
  figureOrgId: refId('partyOrg')
    .nullish()
    .transform((v) => v ?? null),
};

/** PUT /api/projects/:id/indicators/:indicatorId/area — staff set the area a bound indicator counts over. */
export const indicatorAreaBody = z.object({
  /** null: the declaring organisation. */
  orgId: refId('partyOrg').nullable(),
  /** The project's version (optimistic locking): the project's version is bumped. */
  version: z.number().int().min(0),
});
export type IndicatorAreaBody = z.infer<typeof indicatorAreaBody>;

const label = z.object({ 'zh-CN': z.string(), en: z.string() });

/** A registered figure, as the declaration form offers it. */
export const figureView = z.object({
  key: z.string(),
  label,
  unit: z.string(),
  /** What is counted, in words (zh-CN / en). */
  description: label,
});
export type FigureView = z.infer<typeof figureView>;
export const figureList = itemsOf(figureView);

/** The binding of an indicator as the project answers it: the figure, its period and the rows behind the value. */
export const indicatorBindingView = z.object({
  key: z.string(),
  label,
  from: z.string(),
  to: z.string(),
  /** The area counted: the organisation whose subtree's records count (the declaring one unless set). */
  orgId: z.string(),
  orgName: z.string(),
  /** Whether the area was set (null in the record = the declaring organisation). */
  areaSet: z.boolean(),
  /** The web page listing the rows counted (path and query), e.g. `/demands?measure=resolved&orgId=…`. */
  link: z.string(),
});
export type IndicatorBindingView = z.infer<typeof indicatorBindingView>;
