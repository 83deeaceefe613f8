import { z } from 'zod';
import { msg, passwordSchema } from './common';
import { LOCALES } from './i18n';
import { PERMISSIONS, ROLE_CODES } from './roles';

export const loginBody = z.object({
  login: z.string().trim().min(1, msg('required')).max(64, msg('too_long')),
  password: z.string().min(1, msg('required')).max(128, msg('too_long')),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1, msg('required')).max(128),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const localeBody = z.object({ locale: z.enum(['zh-CN', 'en']) });

export const roleBindingView = z.object({
  id: z.string(),
  role: z.enum(ROLE_CODES),
  /** null for the system administrator (global). */
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  hostOrgId: z.string().nullable(),
  hostOrgName: z.string().nullable(),
});
export type RoleBindingView = z.infer<typeof roleBindingView>;

export const meView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mobileMasked: z.string().nullable(),
  locale: z.enum(LOCALES),
  mustChangePassword: z.boolean(),
  roles: z.array(roleBindingView),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meView>;

/** The session check: the current user, or null when nobody is logged in. */
export const sessionView = z.object({ me: meView.nullable() });
