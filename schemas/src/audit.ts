import { z } from 'zod';
import { cursorSchema, dateSchema, idSchema, limitSchema } from './common';
import { pageOf } from './contract';
import { AUDIT_ACTION_CODES, ENTITY_TYPE_CODES } from './dicts';

export const auditListQuery = z.object({
  userId: idSchema.optional(),
  entityType: z.enum(ENTITY_TYPE_CODES).optional(),
  entityId: z.string().max(40).optional(),
  action: z.enum(AUDIT_ACTION_CODES).optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

/** One changed field of an audited write: the values as stored (any JSON). */
export const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof fieldChange>;

const text = z.string().nullable();
export const auditView = z.object({
  id: z.string(),
  at: z.string(),
  userId: text,
  userName: text,
  action: z.enum(AUDIT_ACTION_CODES),
  entityType: z.enum(ENTITY_TYPE_CODES).nullable(),
  entityId: text,
  entityLabel: text,
  changes: z.array(fieldChange),
  ip: text,
  requestId: text,
});
export type AuditView = z.infer<typeof auditView>;
export const auditPage = pageOf(auditView);
