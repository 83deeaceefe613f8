import { expect } from 'vitest';
import { ALL, type ProbeModule } from './types';

/** Everyone reads only their own notifications. */
export const notificationsProbes: ProbeModule = {
  probes: {
    'GET /api/notifications': {
      allow: ALL,
      in: () => ({ method: 'GET', url: '/api/notifications' }),
      check: (body) => expect(body).toHaveProperty('unread'),
    },
    'GET /api/notifications/unread-count': {
      allow: ALL,
      in: () => ({ method: 'GET', url: '/api/notifications/unread-count' }),
    },
    'POST /api/notifications/read': {
      allow: ALL,
      in: () => ({ method: 'POST', url: '/api/notifications/read', payload: { all: true } }),
    },
  },
};
