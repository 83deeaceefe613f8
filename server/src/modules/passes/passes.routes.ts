import type { FastifyInstance } from 'fastify';
import { passesApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';
import { contentDisposition } from '../attachments/attachments.files';

const tags = ['小哥码 passes'];
const STAFF = '社工部工作人员：所绑定党组织及下级管理的小区；辖区（党组织所在行政区划及下级）内的新就业群体';
const GUARD = '本人值守的小区（门岗指派）';
const SELF = '本人（与账号关联的新就业群体）的小哥码';

export function passesRoutes(app: FastifyInstance, { passes, attachments }: Services) {
  defineRoute(app, api.compounds, {
    permission: 'pass.read',
    tags,
    scope: STAFF,
    summary: '试点小区',
    handler: ({ query, ctx }) => passes.listCompounds(ctx, query),
  });
  defineRoute(app, api.createCompound, {
    permission: 'pass.manage',
    tags,
    scope: `${STAFF}；管理党组织须在本人绑定党组织及下级`,
    summary: '新增小区（含门岗）',
    handler: ({ body, ctx }) => passes.createCompound(ctx, body),
  });
  defineRoute(app, api.compound, {
    permission: 'pass.read',
    tags,
    scope: STAFF,
    summary: '小区详情',
    handler: ({ params, ctx }) => passes.getCompound(ctx, params.id),
  });
  defineRoute(app, api.updateCompound, {
    permission: 'pass.manage',
    tags,
    scope: STAFF,
    summary: '修改小区（试点、加入日期）',
    handler: ({ params, body, ctx }) => passes.updateCompound(ctx, params.id, body),
  });
  defineRoute(app, api.addGate, {
    permission: 'pass.manage',
    tags,
    scope: STAFF,
    summary: '新增门岗',
    handler: ({ params, body, ctx }) => passes.addGate(ctx, params.id, body),
  });
  defineRoute(app, api.updateGate, {
    permission: 'pass.manage',
    tags,
    scope: STAFF,
    summary: '修改门岗名称（带小区版本）',
    handler: ({ params, body, ctx }) => passes.renameGate(ctx, params.id, params.gateId, body),
  });
  defineRoute(app, api.removeGate, {
    permission: 'pass.manage',
    tags,
    scope: STAFF,
    summary: '撤除门岗（历史扫码记录保留门岗名称；该门岗的人员改为不限门岗）',
    handler: ({ params, ctx }) => passes.removeGate(ctx, params.id, params.gateId),
  });
  defineRoute(app, api.assignGuard, {
    permission: 'pass.manage',
    tags,
    scope: `${STAFF}；被指派用户须有门岗角色`,
    summary: '指派门岗人员',
    handler: ({ params, body, ctx }) => passes.assignGuard(ctx, params.id, body),
  });
  defineRoute(app, api.removeGuard, {
    permission: 'pass.manage',
    tags,
    scope: STAFF,
    summary: '撤销门岗指派',
    handler: ({ params, ctx }) => passes.removeGuard(ctx, params.id, params.userId),
  });
  defineRoute(app, api.list, {
    permission: 'pass.read',
    tags,
    scope: STAFF,
    summary: '小哥码列表',
    handler: ({ query, ctx }) => passes.list(ctx, query),
  });
  defineRoute(app, api.issue, {
    permission: 'pass.manage',
    tags,
    scope: `${STAFF}；须为已核验人员`,
    summary: '发放小哥码',
    handler: ({ body, ctx }) => passes.issue(ctx, body),
  });
  defineRoute(app, api.me, {
    permission: 'self',
    tags,
    scope: SELF,
    summary: '我的小哥码（登记设备密钥后含签名令牌）',
    handler: ({ ctx }) => passes.me(ctx),
  });
  defineRoute(app, api.registerDevice, {
    permission: 'self',
    tags,
    scope: SELF,
    summary: '登记本机设备密钥（持码人绑定）',
    handler: ({ body, ctx }) => passes.registerDevice(ctx, body),
  });
  defineRoute(app, api.myScans, {
    permission: 'self',
    tags,
    scope: SELF,
    summary: '我的进出记录',
    handler: ({ ctx }) => passes.myScans(ctx),
  });
  defineRoute(app, api.publicKeys, {
    permission: 'pass.verify',
    tags,
    scope: '全部（签发公钥，供门岗离线核验）',
    summary: '小哥码签发公钥',
    handler: () => passes.publicKeys(),
  });
  defineRoute(app, api.revocations, {
    permission: 'pass.verify',
    tags,
    scope: '全部（已签名的吊销名单，供门岗离线核验）',
    summary: '小哥码吊销名单（签名、带版本）',
    handler: () => passes.revocations(),
  });
  defineRoute(app, api.roster, {
    permission: 'pass.verify',
    tags,
    scope: `${GUARD}：持有本小区有效小哥码且有照片的人员（照片编号）`,
    summary: '本小区持码人照片清单（供门岗离线显示照片）',
    handler: ({ query, ctx }) => passes.roster(ctx, query),
  });
  defineRoute(app, api.holderPhoto, {
    permission: 'pass.verify',
    tags,
    scope: `${GUARD}：仅持有本小区有效小哥码的人员；未指派门岗的系统管理员：其范围内持有效小哥码的人员`,
    summary: '持码人照片（门岗核验显示）',
    compress: false,
    handler: async ({ params, ctx }, req, reply) => {
      const photoId = await passes.holderPhotoId(ctx, params.workerId);
      const etag = `"${photoId}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      const file = await attachments.openWorkerPhoto(params.workerId, photoId);
      return reply
        .header('content-type', file.row.mime)
        .header('content-length', String(file.row.size))
        .header('content-disposition', contentDisposition(file.row.filename, file.row.mime))
        .send(file.stream);
    },
  });
  defineRoute(app, api.verify, {
    permission: 'pass.verify',
    tags,
    scope: GUARD,
    summary: '在线核验小哥码并记录',
    handler: ({ body, ctx }) => passes.verify(ctx, body),
  });
  defineRoute(app, api.get, {
    permission: 'pass.read',
    tags,
    scope: STAFF,
    summary: '小哥码详情',
    handler: ({ params, ctx }) => passes.get(ctx, params.id),
  });
  defineRoute(app, api.renew, {
    permission: 'pass.manage',
    tags,
    scope: STAFF,
    summary: '续期小哥码',
    handler: ({ params, body, ctx }) => passes.renew(ctx, params.id, body),
  });
  defineRoute(app, api.revoke, {
    permission: 'pass.manage',
    tags,
    scope: STAFF,
    summary: '吊销小哥码（须填原因）',
    handler: ({ params, body, ctx }) => passes.revoke(ctx, params.id, body),
  });
  defineRoute(app, api.keys, {
    permission: 'pass.keys',
    tags,
    scope: '全部（系统管理员）',
    summary: '签发密钥',
    handler: () => passes.listKeys(),
  });
  defineRoute(app, api.rotateKey, {
    permission: 'pass.keys',
    tags,
    scope: '全部（系统管理员）',
    summary: '轮换签发密钥',
    handler: ({ ctx }) => passes.rotateKey(ctx),
  });
  defineRoute(app, api.retireKey, {
    permission: 'pass.keys',
    tags,
    scope: '全部（系统管理员）',
    summary: '停用签发密钥',
    handler: ({ params, ctx }) => passes.retireKey(ctx, params.kid),
  });
  defineRoute(app, api.guardPost, {
    permission: 'pass.verify',
    tags,
    scope: GUARD,
    summary: '我的门岗',
    handler: ({ ctx }) => passes.guardPost(ctx),
  });
  defineRoute(app, api.uploadScans, {
    permission: 'pass.verify',
    tags,
    scope: `${GUARD}；按客户端编号去重，仅记录一次`,
    summary: '上传离线核验记录',
    handler: ({ body, ctx }) => passes.uploadScans(ctx, body),
  });
  defineRoute(app, api.stats, {
    permission: 'pass.read',
    tags,
    scope: STAFF,
    summary: '核验统计（按小区、门岗、小时）',
    handler: ({ query, ctx }) => passes.stats(ctx, query),
  });
  defineRoute(app, api.scans, {
    permission: 'pass.read',
    tags,
    scope: `${STAFF}；orgId 为该组织及其下级管理的小区`,
    summary: '核验记录（按地区、小区、日期、结果筛选；驾驶舱核验次数的明细）',
    handler: ({ query, ctx }) => passes.scans(ctx, query),
  });
}
