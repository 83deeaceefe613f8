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

export interface RegionView {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  fullName: string;
  hasChildren: boolean;
  version: number;
  abilities: string[];
}
