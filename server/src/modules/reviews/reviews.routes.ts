import type { FastifyInstance } from 'fastify';
import {
  agendaAddBody,
  agendaItemParams,
  decisionBody,
  idParams,
  judgementBody,
  meetingCloseBody,
  meetingCreateBody,
  meetingListQuery,
  meetingUpdateBody,
} from '@touyan/schemas';
import { defineRoute } from '../../core/route';
import { sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';
import { minutesWorkbook } from './reviews.minutes';

const tags = ['研判会 review meetings'];
const readScope =
  '管理员全部；社工部工作人员为本人绑定社工部及其下级所办活动的研判会；评审人、主持人只见分配给本人的研判会';
const manageScope = '社工部工作人员：活动所属社工部在本人绑定党组织及其下级（与修改活动相同）；研判会结束后不可修改';
const chairScope = `会议主持人，或${manageScope}`;

export function reviewsRoutes(app: FastifyInstance, { reviews }: Services) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/review-meetings',
    permission: 'review.read',
    scope: readScope,
    tags,
    summary: '研判会列表（评审人只见本人参加的）',
    query: meetingListQuery,
    handler: ({ query, ctx }) => reviews.list(ctx, query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/review-meetings',
    permission: 'review.manage',
    scope: manageScope,
    tags,
    summary: '新建研判会（日期、地点、主持人、评审人）',
    body: meetingCreateBody,
    handler: ({ body, ctx }) => reviews.create(ctx, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/review-meetings/by-project/:id',
    permission: 'project.read',
    scope: '可见该项目者；评审意见与未发布的决定仅对本会主持人、社工部工作人员（评审人只见本人意见）可见',
    tags,
    summary: '某项目经历的研判（项目页“研判”标签）',
    params: idParams,
    handler: ({ params, ctx }) => reviews.forProject(ctx, params.id),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/review-meetings/:id',
    permission: 'review.read',
    scope: `${readScope}；评审人只见本人的评审意见`,
    tags,
    summary: '研判会详情（议题、评审意见、决定）',
    params: idParams,
    handler: ({ params, ctx }) => reviews.get(ctx, params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/review-meetings/:id',
    permission: 'review.manage',
    scope: manageScope,
    tags,
    summary: '修改研判会（带版本号）',
    params: idParams,
    body: meetingUpdateBody,
    handler: ({ params, body, ctx }) => reviews.update(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/review-meetings/:id/items',
    permission: 'review.manage',
    scope: `${manageScope}；只能列入本活动“已申报”的项目`,
    tags,
    summary: '列入议题（项目转为研判中）',
    params: idParams,
    body: agendaAddBody,
    handler: ({ params, body, ctx }) => reviews.addItems(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'DELETE',
    url: '/api/review-meetings/:id/items/:itemId',
    permission: 'review.manage',
    scope: manageScope,
    tags,
    summary: '移出议题（项目回到已申报）',
    params: agendaItemParams,
    handler: ({ params, ctx }) => reviews.removeItem(ctx, params.id, params.itemId),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/review-meetings/:id/items/:itemId/judgement',
    permission: 'review.judge',
    scope: '分配给本人的研判会（本人的评审意见）',
    tags,
    summary: '提交或修改本人对某议题的评审意见（各研判要点1–5分）',
    params: agendaItemParams,
    body: judgementBody,
    handler: ({ params, body, ctx }) => reviews.judge(ctx, params.id, params.itemId, body),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/review-meetings/:id/items/:itemId/decision',
    permission: 'review.read',
    scope: chairScope,
    tags,
    summary: '记录对某议题的决定（退回须写修改要求，不予立项须写理由）',
    params: agendaItemParams,
    body: decisionBody,
    handler: ({ params, body, ctx }) => reviews.decide(ctx, params.id, params.itemId, body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/review-meetings/:id/close',
    permission: 'review.read',
    scope: chairScope,
    tags,
    summary: '结束研判会：全部议题已决定，一并发布决定并锁定会议',
    params: idParams,
    body: meetingCloseBody,
    handler: ({ params, body, ctx }) => reviews.close(ctx, params.id, body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/review-meetings/:id/minutes.xlsx',
    permission: 'review.read',
    scope: chairScope,
    tags,
    summary: '导出会议纪要（Excel）',
    params: idParams,
    handler: async ({ params, ctx }, _req, reply) => {
      const m = await reviews.minutes(ctx, params.id);
      const name = m.title.replace(/[\\/:*?"<>|\r\n]/g, '_');
      return sendXlsx(reply, `${name}_会议纪要.xlsx`, await minutesWorkbook(m));
    },
  });
}
