import { z } from 'zod';
import { mobileSchema, optionalText, refId, trimmed } from './common';

export const instructorListQuery = z.object({ q: z.string().trim().max(40).optional() });
export const instructorCreateBody = z.object({
  name: trimmed(20),
  mobile: mobileSchema,
  partyOrgId: refId('partyOrg'),
  title: optionalText(60),
});
export type InstructorCreateBody = z.infer<typeof instructorCreateBody>;

export const instructorView = z.object({
  id: z.string(),
  name: z.string(),
  mobileMasked: z.string(),
  partyOrgId: z.string(),
  partyOrgName: z.string(),
  title: z.string().nullable(),
  hostOrgCount: z.number().int(),
});
export type InstructorView = z.infer<typeof instructorView>;
export const instructorList = z.object({ items: z.array(instructorView) });
