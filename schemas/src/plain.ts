/**
 * `@touyan/schemas/plain`: the shared values that need no zod — locales, error messages and field
 * messages, roles and permissions, dictionaries, the contest's labels. The web app's light pages (login,
 * the judge's phone, the big screen) import values from here only, so that zod and the schemas stay out
 * of their first load; types may come from the main entry (`import type`), they cost nothing.
 */
export * from './i18n';
export * from './errors';
export * from './roles';
export * from './dicts';
export * from './contest-labels';
export * from './visit-labels';
export * from './demand-labels';
export * from './station-labels';
export * from './pass-token';
export * from './worker-labels';
export * from './dispute-labels';
export * from './codes';
export * from './gig-labels';
