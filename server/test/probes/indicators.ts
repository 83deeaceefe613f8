import { expect } from 'vitest';
import type { ProbeModule } from './types';

/** Roles holding `project.read`: the declaration form and the project detail read the figures. */
const PROJECT_READERS = ['admin', 'staff', 'secretary', 'member', 'judge'] as const;

export const indicatorsProbes: ProbeModule = {
  probes: {
    'GET /api/indicator-figures': {
      allow: PROJECT_READERS,
      in: () => ({ method: 'GET', url: '/api/indicator-figures' }),
      check: (body) => {
        const keys = (body as { items: { key: string }[] }).items.map((i) => i.key);
        expect(keys).toContain('visits.firms_visited');
        expect(keys).toContain('demands.resolved.legacy');
      },
    },
  },
};
