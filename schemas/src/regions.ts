import { z } from 'zod';
import { regionCodeSchema, trimmed, versionSchema } from './common';

export const regionListQuery = z.object({
  parent: regionCodeSchema.optional(),
  q: z.string().trim().max(40).optional(),
});
export const regionCodeParams = z.object({ code: regionCodeSchema });

export const regionCreateBody = z.object({
  code: regionCodeSchema,
  name: trimmed(40),
  parentCode: regionCodeSchema.nullable(),
});
export const regionUpdateBody = z.object({ name: trimmed(40), version: versionSchema });
export const regionMoveBody = z.object({
  parentCode: regionCodeSchema.nullable(),
  version: versionSchema,
});
export type RegionCreateBody = z.infer<typeof regionCreateBody>;

export const regionView = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.number().int(),
  fullName: z.string(),
  hasChildren: z.boolean(),
  version: z.number().int(),
  abilities: z.array(z.string()),
});
export type RegionView = z.infer<typeof regionView>;
/** Child regions or a name search: one unpaged list. */
export const regionList = z.object({ items: z.array(regionView) });
