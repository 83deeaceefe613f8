import type { RouteOptions } from 'fastify';

/** The API's route table as markdown (docs/ROUTES.md is generated from it and checked by a test). */
export function routeTableMarkdown(routes: RouteOptions[]): string {
  const rows = routes
    .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
    .map((r) => {
      const summary = (r.schema as { summary?: string } | undefined)?.summary ?? '';
      return `| ${String(r.method)} | \`${r.url}\` | ${r.config?.permission ?? ''} | ${summary} | ${r.config?.scope ?? ''} |`;
    });
  return [
    '# API routes',
    '',
    'Generated from the route table by `npm run api-doc`; a test fails when this file is out of date.',
    'Request and reply shapes: `@touyan/schemas` and the OpenAPI document at `/api/docs`.',
    '',
    '| method | path | permission | what | data scope |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
