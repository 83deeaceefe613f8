import type { FieldChange } from '@touyan/schemas';

/**
 * The fields that changed between two snapshots of a record, in the order of `fields`.
 * Snapshots hold display-safe values only (masked phones, never hashes or secrets).
 */
export function diffFields(before: object | null, after: object | null, fields: readonly string[]): FieldChange[] {
  const b0 = before as Record<string, unknown> | null;
  const a0 = after as Record<string, unknown> | null;
  const out: FieldChange[] = [];
  for (const f of fields) {
    const b = b0 ? (b0[f] ?? null) : null;
    const a = a0 ? (a0[f] ?? null) : null;
    if (JSON.stringify(b) !== JSON.stringify(a)) out.push({ field: f, before: b, after: a });
  }
  return out;
}

export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  entityLabel?: string | null;
  changes?: FieldChange[];
  scopeOrgId?: string | null;
}

/** Who did it, for the audit log. */
export const auditCtx = (ctx: {
  actor: { userId: string; displayName: string };
  ip: string | null;
  requestId: string;
}) => ({ userId: ctx.actor.userId, userName: ctx.actor.displayName, ip: ctx.ip, requestId: ctx.requestId });
