/** Records the web tests hand to the fake API: the logged-in user and list pages. */
import { permissionsOf, type Me, type Role } from '@touyan/schemas';

/** A logged-in user bound in `roles` (on org `o1`, 县社工部), with exactly those roles' permissions. */
export function meAs(roles: readonly Role[], overrides: Partial<Me> = {}): Me {
  return {
    id: 'u-me',
    username: 'tester',
    displayName: '测试用户',
    mobileMasked: null,
    locale: 'zh-CN',
    mustChangePassword: false,
    roles: roles.map((role, i) => ({
      id: `rb${i}`,
      role,
      orgId: role === 'admin' ? null : 'o1',
      orgName: role === 'admin' ? null : '县社工部',
      hostOrgId: null,
      hostOrgName: null,
    })),
    permissions: [...permissionsOf(roles)],
    csrfToken: 'csrf-test',
    ...overrides,
  };
}

/** The fake API's answer to the session check for a user bound in `roles`. */
export const sessionAs = (roles: readonly Role[], overrides: Partial<Me> = {}) => ({
  'GET /auth/session': { me: meAs(roles, overrides) },
});

/** One keyset page of a list reply. */
export const page = <T>(items: T[], nextCursor: string | null = null, total?: number) => ({
  items,
  nextCursor,
  ...(total === undefined ? {} : { total }),
});
