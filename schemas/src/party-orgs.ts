import { z } from 'zod';
import {
  dateSchema,
  idSchema,
  mobileSchema,
  optionalText,
  refId,
  regionCodeSchema,
  trimmed,
  versionSchema,
} from './common';
import { PARTY_ORG_TYPE_CODES, type PartyOrgType } from './dicts';

export const partyOrgListQuery = z.object({
  parentId: idSchema.optional(),
  q: z.string().trim().max(40).optional(),
});

const partyOrgFields = {
  name: trimmed(80),
  type: z.enum(PARTY_ORG_TYPE_CODES),
  regionCode: regionCodeSchema,
  secretaryName: trimmed(20),
  secretaryUserId: refId('user')
    .nullish()
    .transform((v) => v ?? null),
  contactPhone: mobileSchema.nullish().transform((v) => v ?? null),
  establishedOn: dateSchema.nullish().transform((v) => v ?? null),
  memberCount: z.coerce.number().int().min(0).max(100000).default(0),
  note: optionalText(500),
};

/** parentId null creates a root (system administrators only). */
export const partyOrgCreateBody = z.object({ ...partyOrgFields, parentId: refId('partyOrg').nullable() });
/** On update, leaving contactPhone out keeps the stored number (the client only has it masked); null clears it. */
export const partyOrgUpdateBody = z.object({
  ...partyOrgFields,
  contactPhone: mobileSchema.nullable().optional(),
  version: versionSchema,
});
export const partyOrgMoveBody = z.object({ parentId: refId('partyOrg'), version: versionSchema });
export type PartyOrgCreateBody = z.infer<typeof partyOrgCreateBody>;
export type PartyOrgUpdateBody = z.infer<typeof partyOrgUpdateBody>;

export interface PartyOrgView {
  id: string;
  name: string;
  type: PartyOrgType;
  parentId: string | null;
  regionCode: string;
  regionName: string;
  secretaryName: string;
  secretaryUserId: string | null;
  contactPhoneMasked: string | null;
  establishedOn: string | null;
  memberCount: number;
  note: string | null;
  depth: number;
  childCount: number;
  version: number;
  updatedAt: string;
  abilities: string[];
}
