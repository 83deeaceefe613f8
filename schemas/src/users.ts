import { z } from 'zod';
import {
  cursorSchema,
  idSchema,
  limitSchema,
  mobileSchema,
  passwordSchema,
  refId,
  trimmed,
  versionSchema,
} from './common';
import { roleBindingView } from './auth';
import { pageOf } from './contract';
import { ROLE_CODES } from './roles';

export const userListQuery = z.object({
  q: z.string().trim().max(40).optional(),
  role: z.enum(ROLE_CODES).optional(),
  orgId: idSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { message: 'invalid' });

export const userCreateBody = z.object({
  username: usernameSchema,
  displayName: trimmed(20),
  mobile: mobileSchema.nullish().transform((v) => v ?? null),
  password: passwordSchema,
  /** Ask for a new password at first log-in (the default for accounts handed to someone). */
  mustChangePassword: z.boolean().default(true),
  roles: z
    .array(
      z.object({
        role: z.enum(ROLE_CODES),
        orgId: refId('partyOrg').nullable(),
        hostOrgId: refId('hostOrg').nullish(),
      }),
    )
    .max(20)
    .default([]),
});
/** Leaving mobile out keeps the stored number (the client only has it masked); null clears it. */
export const userUpdateBody = z.object({
  displayName: trimmed(20),
  mobile: mobileSchema.nullable().optional(),
  disabled: z.boolean(),
  version: versionSchema,
});
/** orgId null: a global binding, allowed only for the admin role. */
export const roleGrantBody = z.object({
  role: z.enum(ROLE_CODES),
  orgId: refId('partyOrg').nullable(),
  hostOrgId: refId('hostOrg')
    .nullish()
    .transform((v) => v ?? null),
});
export const roleBindingParams = z.object({ id: idSchema, bindingId: idSchema });
export const resetPasswordBody = z.object({ newPassword: passwordSchema });
export type UserCreateBody = z.infer<typeof userCreateBody>;
export type UserUpdateBody = z.infer<typeof userUpdateBody>;
export type RoleGrantBody = z.infer<typeof roleGrantBody>;

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mobileMasked: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(roleBindingView),
  version: z.number().int(),
  createdAt: z.string(),
  abilities: z.array(z.string()),
});
export type UserView = z.infer<typeof userView>;
export const userPage = pageOf(userView);
