import { z } from 'zod';
import { cursorSchema, dateSchema, idSchema, limitSchema } from './common';
import { AUDIT_ACTION_CODES, ENTITY_TYPE_CODES, type AuditAction, type EntityType } from './dicts';

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

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditView {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: AuditAction;
  entityType: EntityType | null;
  entityId: string | null;
  entityLabel: string | null;
  changes: FieldChange[];
  ip: string | null;
  requestId: string | null;
}
