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
import { PARTY_ORG_TYPE_CODES } from './dicts';

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

const text = z.string().nullable();
export const partyOrgView = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(PARTY_ORG_TYPE_CODES),
  parentId: text,
  regionCode: z.string(),
  regionName: z.string(),
  secretaryName: z.string(),
  secretaryUserId: text,
  contactPhoneMasked: text,
  establishedOn: text,
  memberCount: z.number().int(),
  note: text,
  depth: z.number().int(),
  childCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  abilities: z.array(z.string()),
});
export type PartyOrgView = z.infer<typeof partyOrgView>;
/** Children, the visible roots, or the whole visible tree (flat): one unpaged list. */
export const partyOrgList = z.object({ items: z.array(partyOrgView) });
