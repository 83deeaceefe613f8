import type { FastifyInstance } from 'fastify';
import { indicatorsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['指标 indicators'];

export function indicatorsRoutes(app: FastifyInstance, { figures }: Services) {
  defineRoute(app, api.figures, {
    permission: 'project.read',
    tags,
    scope: '登记的业务数据口径（不含记录，各角色相同）；指标的数值在项目内按申报组织范围计算',
    summary: '可绑定的业务数据口径',
    handler: async () => ({ items: figures.list() }),
  });
}
