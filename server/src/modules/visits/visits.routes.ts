import type { FastifyInstance } from 'fastify';
import { visitsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { contentDisposition } from '../attachments/attachments.files';

const tags = ['走访 visits'];
const READ = '可见企业的走访：社工部及申报方按党组织下级，企业专员为本人负责的企业，企业联系人为本企业';
const WRITE = '本人为企业专员的企业，或社工部工作人员绑定党组织下级管理/覆盖的企业';

export function visitsRoutes(app: FastifyInstance, { visits }: Services) {
  defineRoute(app, api.list, {
    permission: 'visit.read',
    tags,
    scope: READ,
    summary: '走访记录',
    handler: ({ query, ctx }) => visits.list(ctx, query),
  });
  defineRoute(app, api.myFirms, {
    permission: 'visit.write',
    tags,
    scope: '本人为企业专员的企业',
    summary: '我负责的企业（一企一专员）及最近走访',
    handler: ({ ctx }) => visits.myFirms(ctx),
  });
  defineRoute(app, api.firms, {
    permission: 'visit.read',
    tags,
    scope: READ,
    summary: '走访企业（有走访记录的企业，按期间与走访方式）',
    handler: ({ query, ctx }) => visits.visitedFirms(ctx, query),
  });
  defineRoute(app, api.create, {
    permission: 'visit.write',
    tags,
    scope: WRITE,
    summary: '记录走访',
    handler: ({ body, ctx }) => visits.create(ctx, body),
  });
  defineRoute(app, api.get, {
    permission: 'visit.read',
    tags,
    scope: READ,
    summary: '走访详情',
    handler: ({ params, ctx }) => visits.get(ctx, params.id),
  });
  defineRoute(app, api.photo, {
    permission: 'visit.read',
    tags,
    scope: `${READ}；照片随走访可见`,
    summary: '走访照片',
    compress: false,
    handler: async ({ params, ctx }, _req, reply) => {
      const { row, stream } = await visits.photo(ctx, params.id, params.photoId);
      return reply
        .header('content-type', row.mime)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.filename, row.mime))
        .header('cache-control', 'private, max-age=3600')
        .send(stream);
    },
  });
  defineRoute(app, api.update, {
    permission: 'visit.write',
    tags,
    scope: `${WRITE}；记录人或社工部工作人员可修改，线上访企不可修改`,
    summary: '修改走访记录',
    handler: ({ params, body, ctx }) => visits.update(ctx, params.id, body),
  });
  defineRoute(app, api.createOnline, {
    permission: 'visit.write',
    tags,
    scope: WRITE,
    summary: '发起线上访企（生成企业填写链接，仅显示一次）',
    handler: ({ body, ctx }) => visits.createOnline(ctx, body),
  });
  defineRoute(app, api.openOnline, {
    permission: 'public',
    tags,
    scope: '公开：持有链接者（链接密钥 192 位，7 天内有效）',
    summary: '打开线上访企表单',
    rateLimit: { max: 120, timeWindow: '1 minute' },
    handler: ({ params }) => visits.openOnline(params.token),
  });
  defineRoute(app, api.fillOnline, {
    permission: 'public',
    tags,
    scope: '公开：持有链接者，仅可提交一次',
    summary: '企业提交线上访企表单',
    rateLimit: { max: 60, timeWindow: '1 minute' },
    handler: ({ params, body, ctx }) => visits.fillOnline(ctx, params.token, body),
  });
}
