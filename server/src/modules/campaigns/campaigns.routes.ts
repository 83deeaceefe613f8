import type { FastifyInstance } from 'fastify';
import { campaignCreateBody, campaignListQuery, campaignUpdateBody, idParams } from '@touyan/schemas';
import { z } from 'zod';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['书记项目活动 campaigns'];
const readScope = '发起活动的社工部节点的上级、本级和下级用户均可查看（县里看得到市里的活动）';
const writeScope = '发起节点及其上级的社工部工作人员';
const versionBody = z.object({ version: z.number().int().min(1) });

export function campaignsRoutes(app: FastifyInstance, { campaigns }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns',
    permission: 'campaign.read',
    scope: readScope,
    tags,
    summary: '活动列表',
    query: campaignListQuery,
    handler: ({ query, ctx }) => campaigns.list(ctx, query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/campaigns/:id',
    permission: 'campaign.read',
    scope: readScope,
    tags,
    summary: '活动详情（选题范围、日程、研判要点）',
    params: idParams,
    handler: ({ params, ctx }) => campaigns.get(ctx, params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/campaigns',
    permission: 'campaign.write',
    scope: writeScope,
    tags,
    summary: '新建活动（草稿）',
    body: campaignCreateBody,
    handler: ({ body, ctx }) => campaigns.create(ctx, body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/campaigns/:id',
    permission: 'campaign.write',
    scope: writeScope,
    tags,
    summary: '修改活动',
    params: idParams,
    body: campaignUpdateBody,
    handler: ({ params, body, ctx }) => campaigns.update(ctx, params.id, body),
  });
  for (const event of ['publish', 'close'] as const) {
    defineRoute(app, {
      method: 'POST',
      url: `/api/campaigns/:id/${event}`,
      permission: 'campaign.write',
      scope: writeScope,
      tags,
      summary: event === 'publish' ? '发布活动（开放申报）' : '结束活动',
      params: idParams,
      body: versionBody,
      handler: ({ params, body, ctx }) => campaigns.setStatus(ctx, params.id, event, body.version),
    });
  }
}
