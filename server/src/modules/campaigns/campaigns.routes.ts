import type { FastifyInstance } from 'fastify';
import { campaignsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['书记项目活动 campaigns'];
const readScope = '发起活动的社工部节点的上级、本级和下级用户均可查看（县里看得到市里的活动）';
const writeScope = '发起节点及其上级的社工部工作人员';
const read = { permission: 'campaign.read', scope: readScope, tags } as const;
const write = { permission: 'campaign.write', scope: writeScope, tags } as const;

export function campaignsRoutes(app: FastifyInstance, { campaigns }: Services) {
  defineRoute(app, api.list, {
    ...read,
    summary: '活动列表',
    handler: ({ query, ctx }) => campaigns.list(ctx, query),
  });
  defineRoute(app, api.get, {
    ...read,
    summary: '活动详情（选题范围、日程、研判要点）',
    handler: ({ params, ctx }) => campaigns.get(ctx, params.id),
  });
  defineRoute(app, api.create, {
    ...write,
    summary: '新建活动（草稿）',
    handler: ({ body, ctx }) => campaigns.create(ctx, body),
  });
  defineRoute(app, api.update, {
    ...write,
    summary: '修改活动',
    handler: ({ params, body, ctx }) => campaigns.update(ctx, params.id, body),
  });
  defineRoute(app, api.publish, {
    ...write,
    summary: '发布活动（开放申报）',
    handler: ({ params, body, ctx }) => campaigns.setStatus(ctx, params.id, 'publish', body.version),
  });
  defineRoute(app, api.close, {
    ...write,
    summary: '结束活动',
    handler: ({ params, body, ctx }) => campaigns.setStatus(ctx, params.id, 'close', body.version),
  });
}
