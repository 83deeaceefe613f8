import type { FastifyInstance } from 'fastify';
import { reviewsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';
import { minutesWorkbook } from './reviews.minutes';

const tags = ['研判会 review meetings'];
const readScope =
  '管理员全部；社工部工作人员为本人绑定社工部及其下级所办活动的研判会；评审人、主持人只见分配给本人的研判会';
const manageScope = '社工部工作人员：活动所属社工部在本人绑定党组织及其下级（与修改活动相同）；研判会结束后不可修改';
const chairScope = `会议主持人，或${manageScope}`;
const manage = { permission: 'review.manage', scope: manageScope, tags } as const;
const chair = { permission: 'review.read', scope: chairScope, tags } as const;

export function reviewsRoutes(app: FastifyInstance, { reviews }: Services) {
  defineRoute(app, api.list, {
    permission: 'review.read',
    scope: readScope,
    tags,
    summary: '研判会列表（评审人只见本人参加的）',
    handler: ({ query, ctx }) => reviews.list(ctx, query),
  });
  defineRoute(app, api.create, {
    ...manage,
    summary: '新建研判会（日期、地点、主持人、评审人）',
    handler: ({ body, ctx }) => reviews.create(ctx, body),
  });
  defineRoute(app, api.byProject, {
    permission: 'project.read',
    scope: '可见该项目者；评审意见与未发布的决定仅对本会主持人、社工部工作人员（评审人只见本人意见）可见',
    tags,
    summary: '某项目经历的研判（项目页“研判”标签）',
    handler: ({ params, ctx }) => reviews.forProject(ctx, params.id),
  });
  defineRoute(app, api.get, {
    permission: 'review.read',
    scope: `${readScope}；评审人只见本人的评审意见`,
    tags,
    summary: '研判会详情（议题、评审意见、决定）',
    handler: ({ params, ctx }) => reviews.get(ctx, params.id),
  });
  defineRoute(app, api.update, {
    ...manage,
    summary: '修改研判会（带版本号）',
    handler: ({ params, body, ctx }) => reviews.update(ctx, params.id, body),
  });
  defineRoute(app, api.addItems, {
    ...manage,
    scope: `${manageScope}；只能列入本活动“已申报”的项目`,
    summary: '列入议题（项目转为研判中）',
    handler: ({ params, body, ctx }) => reviews.addItems(ctx, params.id, body),
  });
  defineRoute(app, api.removeItem, {
    ...manage,
    summary: '移出议题（项目回到已申报）',
    handler: ({ params, ctx }) => reviews.removeItem(ctx, params.id, params.itemId),
  });
  defineRoute(app, api.judge, {
    permission: 'review.judge',
    scope: '分配给本人的研判会（本人的评审意见）',
    tags,
    summary: '提交或修改本人对某议题的评审意见（各研判要点1–5分）',
    handler: ({ params, body, ctx }) => reviews.judge(ctx, params.id, params.itemId, body),
  });
  defineRoute(app, api.decide, {
    ...chair,
    summary: '记录对某议题的决定（退回须写修改要求，不予立项须写理由）',
    handler: ({ params, body, ctx }) => reviews.decide(ctx, params.id, params.itemId, body),
  });
  defineRoute(app, api.close, {
    ...chair,
    summary: '结束研判会：全部议题已决定，一并发布决定并锁定会议',
    handler: ({ params, body, ctx }) => reviews.close(ctx, params.id, body),
  });
  defineRoute(app, api.minutes, {
    ...chair,
    summary: '导出会议纪要（Excel）',
    handler: async ({ params, ctx }, _req, reply) => {
      const m = await reviews.minutes(ctx, params.id);
      const name = m.title.replace(/[\\/:*?"<>|\r\n]/g, '_');
      return sendXlsx(reply, `${name}_会议纪要.xlsx`, await minutesWorkbook(m));
    },
  });
}
