import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import {
  ATTACHMENT_MAX_BYTES,
  WORKER_OCCUPATIONS,
  WORKER_PLATFORMS,
  WORKER_STATUSES,
  type WorkerView,
} from '@touyan/schemas';
import { workersApi as api } from '@touyan/schemas/api';
import { AppError } from '../../core/errors';
import { defineRoute } from '../../core/route';
import { shanghaiDate, shanghaiDateTime } from '../../core/time';
import { buildWorkbook, sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';
import { contentDisposition } from '../attachments/attachments.files';

const tags = ['新就业群体 workers'];
const READ = '所在区划属于本人绑定党组织（社工部工作人员、驿家站长）所在区划及其下级的新就业群体';
const WRITE = '所在区划属于社工部工作人员绑定党组织所在区划及其下级';
const VERIFY = '所在区划属于社工部工作人员或驿家站长绑定党组织所在区划及其下级';
const SELF = '本人（新就业群体账号）的登记';
/** The photo upload: the one route here whose request may take the long upload deadline. */
export const WORKER_PHOTO_UPLOAD_URL = `/api${api.photoUpload.url}`;

function workbook(rows: WorkerView[]) {
  return buildWorkbook<WorkerView>(
    '新就业群体',
    [
      { header: '姓名', value: (r) => r.name, width: 12 },
      { header: '手机号', value: (r) => r.mobileMasked, width: 14 },
      { header: '身份证号', value: (r) => r.idNumberMasked, width: 22 },
      { header: '平台', value: (r) => WORKER_PLATFORMS[r.platform]['zh-CN'], width: 10 },
      { header: '职业', value: (r) => WORKER_OCCUPATIONS[r.occupation]['zh-CN'], width: 12 },
      { header: '区划', value: (r) => r.regionName, width: 16 },
      { header: '党员', value: (r) => (r.partyMember ? '是' : '否'), width: 6 },
      { header: '亮身份党组织', value: (r) => r.partyOrgName, width: 24 },
      { header: '状态', value: (r) => WORKER_STATUSES[r.status]['zh-CN'], width: 8 },
      { header: '认证时间', value: (r) => (r.verifiedAt ? shanghaiDateTime(r.verifiedAt) : null), width: 20 },
      { header: '登记时间', value: (r) => shanghaiDateTime(r.createdAt), width: 20 },
    ],
    rows,
  );
}

export async function workersRoutes(app: FastifyInstance, { workers, attachments }: Services) {
  const sendPhoto = (
    reply: Parameters<Parameters<typeof defineRoute>[2]['handler']>[2],
    file: Awaited<ReturnType<typeof workers.photo>>,
  ) =>
    reply
      .header('content-type', file.row.mime)
      .header('content-length', String(file.row.size))
      .header('content-disposition', contentDisposition(file.row.filename, file.row.mime))
      .header('cache-control', 'private, max-age=3600')
      .send(file.stream);

  defineRoute(app, api.list, {
    permission: 'worker.read',
    tags,
    scope: READ,
    summary: '新就业群体登记列表（筛选、键集分页；证件号与手机号脱敏）',
    handler: ({ query, ctx }) => workers.list(ctx, query),
  });
  defineRoute(app, api.exportXlsx, {
    permission: 'worker.read',
    tags,
    scope: READ,
    summary: '导出筛选结果（Excel，脱敏）',
    handler: async ({ query, ctx }, _req, reply) =>
      sendXlsx(reply, `新就业群体_${shanghaiDate()}.xlsx`, await workbook(await workers.exportRows(ctx, query))),
  });
  defineRoute(app, api.me, {
    permission: 'self',
    tags,
    scope: SELF,
    summary: '本人的登记（未登记时为空）',
    handler: ({ ctx }) => workers.me(ctx),
  });
  defineRoute(app, api.saveMe, {
    permission: 'self',
    tags,
    scope: `${SELF}；区划须在本人绑定党组织所在区划及其下级；待认证或未通过时可修改`,
    summary: '本人登记或修改登记（提交后待认证）',
    handler: ({ body, ctx }) => workers.saveMe(ctx, body),
  });
  defineRoute(app, api.myOptions, {
    permission: 'self',
    tags,
    scope: '本人（新就业群体账号）绑定党组织所在区划及其下级、该党组织及其下级；其他账号为空',
    summary: '本人登记可选的区划与亮身份党组织',
    handler: ({ ctx }) => workers.myOptions(ctx),
  });
  defineRoute(app, api.myPhoto, {
    permission: 'self',
    tags,
    scope: SELF,
    summary: '本人的登记照片',
    compress: false,
    handler: async ({ ctx }, _req, reply) => sendPhoto(reply, await workers.myPhoto(ctx)),
  });
  defineRoute(app, api.verifyBatch, {
    permission: 'worker.verify',
    tags,
    scope: `${VERIFY}；非待认证的跳过`,
    summary: '批量认证',
    handler: ({ body, ctx }) => workers.verifyBatch(ctx, body.ids),
  });
  defineRoute(app, api.get, {
    permission: 'worker.read',
    tags,
    scope: READ,
    summary: '新就业群体登记详情',
    handler: ({ params, ctx }) => workers.get(ctx, params.id),
  });
  defineRoute(app, api.photo, {
    permission: 'worker.read',
    tags,
    scope: `${READ}；照片随登记可见`,
    summary: '登记照片',
    compress: false,
    handler: async ({ params, ctx }, _req, reply) => sendPhoto(reply, await workers.photo(ctx, params.id)),
  });
  defineRoute(app, api.create, {
    permission: 'worker.write',
    tags,
    scope: WRITE,
    summary: '录入新就业群体（待认证）',
    handler: ({ body, ctx }) => workers.create(ctx, body),
  });
  defineRoute(app, api.update, {
    permission: 'worker.write',
    tags,
    scope: WRITE,
    summary: '修改登记',
    handler: ({ params, body, ctx }) => workers.update(ctx, params.id, body),
  });
  defineRoute(app, api.verify, {
    permission: 'worker.verify',
    tags,
    scope: VERIFY,
    summary: '认证通过（待认证或已停用 → 已认证）',
    handler: ({ params, body, ctx }) => workers.verify(ctx, params.id, body),
  });
  defineRoute(app, api.reject, {
    permission: 'worker.verify',
    tags,
    scope: VERIFY,
    summary: '不予认证（须说明原因）',
    handler: ({ params, body, ctx }) => workers.reject(ctx, params.id, body),
  });
  defineRoute(app, api.disable, {
    permission: 'worker.verify',
    tags,
    scope: VERIFY,
    summary: '停用（已认证 → 已停用）',
    handler: ({ params, body, ctx }) => workers.disable(ctx, params.id, body),
  });
  defineRoute(app, api.reveal, {
    permission: 'worker.reveal',
    tags,
    scope: WRITE,
    summary: '查看完整身份证号与手机号（记入审计日志）',
    handler: ({ params, ctx }) => workers.reveal(ctx, params.id),
  });
  // The photo upload reads multipart: registered in its own scope, as the attachments' uploads.
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 200, parts: 6 },
    });
    defineRoute(scoped, api.photoUpload, {
      permission: 'self',
      tags,
      scope: '社工部工作人员（录入时）或新就业群体账号本人上传；保存登记时关联',
      summary: '上传登记照片（multipart：file；仅 JPEG/PNG，≤20MB，校验文件头）',
      handler: ({ ctx }, req) => {
        workers.assertMayUploadPhoto(ctx);
        if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { file: 'required' });
        return attachments.upload(ctx, req.parts(), { photo: true, worker: true });
      },
    });
  });
}
