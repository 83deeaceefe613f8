import type { FastifyInstance, FastifyReply } from 'fastify';
import { authApi as api } from '@touyan/schemas/api';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { LoginThrottledError } from './auth.service';

export const SESSION_COOKIE = 'ty_session';
export const CSRF_COOKIE = 'ty_csrf';

const tags = ['登录与会话 auth'];
const scope = '本人 (self)';

export function authRoutes(app: FastifyInstance, { auth }: Services, config: Config) {
  const cookieBase = { path: '/', sameSite: 'lax' as const, secure: config.cookieSecure };
  const setCookies = (reply: FastifyReply, token: string, csrf: string) => {
    const maxAge = Math.floor(config.sessionTtlMs / 1000);
    reply.setCookie(SESSION_COOKIE, token, { ...cookieBase, httpOnly: true, maxAge });
    // Readable by the page: sent back as the x-csrf-token header (double submit, checked against the session).
    reply.setCookie(CSRF_COOKIE, csrf, { ...cookieBase, httpOnly: false, maxAge });
  };

  defineRoute(app, api.login, {
    permission: 'public',
    scope: '公开 (public)',
    tags,
    summary: '用户名或手机号 + 密码登录',
    rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' },
    handler: async ({ body }, req, reply) => {
      const { token, session } = await auth
        .login(body, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: req.id })
        .catch((err: unknown) => {
          if (err instanceof LoginThrottledError) reply.header('retry-after', String(err.retryAfterSeconds));
          throw err;
        });
      setCookies(reply, token, session.csrfToken);
      return auth.me(session.actor, session.csrfToken);
    },
  });

  defineRoute(app, api.logout, {
    permission: 'self',
    scope,
    tags,
    summary: '退出登录',
    handler: async ({ ctx }, req, reply) => {
      if (req.sessionIdHash) await auth.logout(ctx, req.sessionIdHash);
      reply.clearCookie(SESSION_COOKIE, cookieBase);
      reply.clearCookie(CSRF_COOKIE, cookieBase);
    },
  });

  defineRoute(app, api.me, {
    permission: 'self',
    scope,
    tags,
    summary: '当前用户、角色与权限',
    handler: async ({ ctx }, req) => auth.me(ctx.actor, req.csrfToken ?? ''),
  });

  // The web app asks this on every load (also on the log-in page): answering "nobody" with 200 keeps
  // an anonymous visit free of failed requests in the browser console.
  defineRoute(app, api.session, {
    permission: 'public',
    scope: '本人 (self)，未登录时为空',
    tags,
    summary: '当前会话：已登录时为当前用户，否则为 null',
    handler: async (_input, req) => ({ me: req.actor ? await auth.me(req.actor, req.csrfToken ?? '') : null }),
  });

  defineRoute(app, api.changePassword, {
    permission: 'self',
    scope,
    tags,
    summary: '修改本人密码（其他会话随之失效）',
    handler: async ({ body, ctx }, req) => {
      if (!req.sessionIdHash) throw new AppError('UNAUTHENTICATED');
      await auth.changePassword(ctx, req.sessionIdHash, body.oldPassword, body.newPassword);
    },
  });

  defineRoute(app, api.locale, {
    permission: 'self',
    scope,
    tags,
    summary: '界面语言',
    handler: async ({ body, ctx }) => {
      await auth.setLocale(ctx, body.locale);
    },
  });
}
