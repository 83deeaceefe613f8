import { z } from 'zod';
import { msg, passwordSchema } from './common';
import type { Locale } from './i18n';
import type { Permission, Role } from './roles';

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

export interface RoleBindingView {
  id: string;
  role: Role;
  /** null for the system administrator (global). */
  orgId: string | null;
  orgName: string | null;
  hostOrgId: string | null;
  hostOrgName: string | null;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  mobileMasked: string | null;
  locale: Locale;
  mustChangePassword: boolean;
  roles: RoleBindingView[];
  permissions: Permission[];
  csrfToken: string;
}
