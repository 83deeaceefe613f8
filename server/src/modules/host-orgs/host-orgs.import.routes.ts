import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { IMPORT_MAX_BYTES } from '@touyan/schemas';
import { hostOrgsApi as api } from '@touyan/schemas/api';
import { AppError } from '../../core/errors';
import { sendXlsx } from '../../core/xlsx';
import { defineRoute } from '../../core/route';
import type { Services } from '../../services';

const tags = ['两新组织 host organisations'];
const importScope = '本人发起的导入，或社工部工作人员绑定党组织及其下级发起的导入；写入范围为发起人的管理范围';

/** The ledger's Excel round-trip (issue 11). Multipart parsing is registered only in this plugin's scope. */
export async function hostOrgImportRoutes(app: FastifyInstance, { hostOrgImports }: Services) {
  defineRoute(app, api.importTemplate, {
    permission: 'hostOrg.write',
    scope: '模板不含数据（字典为全局字典与行政区划）',
    tags,
    summary: '下载两新组织台账导入模板（.xlsx，含下拉字典）',
    handler: async (_i, _req, reply) => sendXlsx(reply, '两新组织台账导入模板.xlsx', await hostOrgImports.template()),
  });
  defineRoute(app, api.exportLedger, {
    permission: 'hostOrg.read',
    scope: '主管或所建党组织在本人绑定党组织及其下级；企业专员只见所联系企业；企业联系人、用工单位只见本单位',
    tags,
    summary: '导出两新组织台账（与导入模板列一致，流式生成）',
    compress: false,
    handler: async ({ ctx }, _req, reply) => {
      const stream = await hostOrgImports.exportLedger(ctx);
      const filename = '两新组织台账.xlsx';
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .send(stream);
    },
  });
  defineRoute(app, api.importGet, {
    permission: 'hostOrg.write',
    scope: importScope,
    tags,
    summary: '导入进度与结果',
    handler: ({ params, ctx }) => hostOrgImports.get(ctx, params.id),
  });
  defineRoute(app, api.importErrors, {
    permission: 'hostOrg.write',
    scope: importScope,
    tags,
    summary: '导入校验的错误行（分页）',
    handler: ({ params, query, ctx }) => hostOrgImports.errors(ctx, params.id, query),
  });
  defineRoute(app, api.importCommit, {
    permission: 'hostOrg.write',
    scope: importScope,
    tags,
    summary: '提交导入（全部无误才导入 / 仅导入无误的行）',
    handler: ({ params, body, ctx }) => hostOrgImports.requestCommit(ctx, params.id, body),
  });
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2, fieldSize: 200, parts: 3 },
    });
    defineRoute(scoped, api.importUpload, {
      permission: 'hostOrg.write',
      scope: '写入范围为本人（社工部工作人员）绑定党组织及其下级',
      tags,
      summary: '上传两新组织台账（multipart：file，.xlsx ≤20MB），后台校验（试运行）',
      handler: ({ ctx }, req) => {
        if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { file: 'required' });
        return hostOrgImports.upload(ctx, req.parts());
      },
    });
  });
}
