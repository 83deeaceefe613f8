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

export interface InstructorView {
  id: string;
  name: string;
  mobileMasked: string;
  partyOrgId: string;
  partyOrgName: string;
  title: string | null;
  hostOrgCount: number;
}
