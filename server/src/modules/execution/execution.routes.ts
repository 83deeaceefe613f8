import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services';
import { progressRoutes } from './progress.routes';
import { reportsRoutes } from './reports.routes';
import { supervisionRoutes } from './supervision.routes';

/** Project execution and quarterly analysis (季度分析). */
export function executionRoutes(app: FastifyInstance, services: Services) {
  progressRoutes(app, services);
  reportsRoutes(app, services);
  supervisionRoutes(app, services);
}
