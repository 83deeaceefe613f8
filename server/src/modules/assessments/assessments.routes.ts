import type { FastifyInstance } from 'fastify';
import { assessmentsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';
import { schemeWorkbook, sheetWorkbook } from './assessments.export';

const tags = ['年度考核 assessments'];
const manageScope = '管理员全部；社工部工作人员：方案所属社工部在本人绑定党组织及其下级';
const readScope = `${manageScope}；项目书记只见本人绑定党组织在已发布方案中的考核表（其他为404）`;
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n]/g, '_');

/** The scheme's name for a file name, led by its year unless the name already starts with it. */
const withYear = (year: number, name: string) => (name.startsWith(String(year)) ? name : `${year}年度${name}`);

export function assessmentsRoutes(app: FastifyInstance, { assessments }: Services) {
  // ——— schemes ———
  defineRoute(app, api.listSchemes, {
    permission: 'assessment.read',
    scope: `${manageScope}；项目书记见覆盖本人党组织的已发布方案`,
    tags,
    summary: '年度考核方案列表',
    handler: ({ query, ctx }) => assessments.listSchemes(ctx, query),
  });
  defineRoute(app, api.createScheme, {
    permission: 'assessment.manage',
    scope: `${manageScope}；方案所属须为社工部`,
    tags,
    summary: '新建年度考核方案（考核项目满分合计100，恰有一项取自比武结果）',
    handler: ({ body, ctx }) => assessments.createScheme(ctx, body),
  });
  defineRoute(app, api.getScheme, {
    permission: 'assessment.read',
    scope: `${manageScope}；项目书记见覆盖本人党组织的已发布方案`,
    tags,
    summary: '年度考核方案详情',
    handler: ({ params, ctx }) => assessments.getScheme(ctx, params.id),
  });
  defineRoute(app, api.updateScheme, {
    permission: 'assessment.manage',
    scope: `${manageScope}；仅草稿可改；已有考核表随之重算`,
    tags,
    summary: '修改年度考核方案（带版本号）',
    handler: ({ params, body, ctx }) => assessments.updateScheme(ctx, params.id, body),
  });
  defineRoute(app, api.setStatus, {
    permission: 'assessment.manage',
    scope: manageScope,
    tags,
    summary: '发布或撤回为草稿（发布后冻结，项目书记可见本单位考核表）',
    handler: ({ params, body, ctx }) => assessments.setStatus(ctx, params.id, body),
  });
  defineRoute(app, api.fillFromContest, {
    permission: 'assessment.manage',
    scope: `${manageScope}；比武须本人可管理且结果已发布（未发布为409）；仅填入方案所属社工部下级党组织`,
    tags,
    summary: '从比武结果填入书记项目得分（按方案的等次或分数折算；可重复执行）',
    handler: ({ params, body, ctx }) => assessments.fillFromContest(ctx, params.id, body.contestId),
  });
  defineRoute(app, api.listSheets, {
    permission: 'assessment.read',
    scope: readScope,
    tags,
    summary: '方案下的考核表列表（各项得分、总分、等次）',
    handler: ({ params, query, ctx }) => assessments.listSheets(ctx, params.id, query),
  });
  defineRoute(app, api.createSheet, {
    permission: 'assessment.manage',
    scope: `${manageScope}；党组织须在方案所属社工部之下；仅草稿`,
    tags,
    summary: '为未参加比武的党组织建立考核表',
    handler: ({ params, body, ctx }) => assessments.createSheet(ctx, params.id, body.partyOrgId),
  });
  defineRoute(app, api.exportScheme, {
    permission: 'assessment.manage',
    scope: manageScope,
    tags,
    summary: '导出本地区考核汇总表（Excel）',
    handler: async ({ params, ctx }, _req, reply) => {
      const { scheme, sheets } = await assessments.exportScheme(ctx, params.id);
      return sendXlsx(
        reply,
        `${withYear(scheme.year, safeName(scheme.name))}_汇总.xlsx`,
        await schemeWorkbook(scheme, sheets),
      );
    },
  });

  // ——— sheets ———
  defineRoute(app, api.listResults, {
    permission: 'assessment.manage',
    scope: `${manageScope}；仅已发布方案；orgId 为该组织及其下级`,
    tags,
    summary: '考核结果：某年度已发布方案的考核表（跨方案，可按等次和地区筛选；驾驶舱等次数字的明细）',
    handler: ({ query, ctx }) => assessments.listResults(ctx, query),
  });
  defineRoute(app, api.getSheet, {
    permission: 'assessment.read',
    scope: readScope,
    tags,
    summary: '考核表详情（含书记项目得分来源）',
    handler: ({ params, ctx }) => assessments.getSheet(ctx, params.id),
  });
  defineRoute(app, api.updateSheet, {
    permission: 'assessment.manage',
    scope: `${manageScope}；仅草稿方案；只录人工项目，各项0至该项满分`,
    tags,
    summary: '录入考核表人工项目得分（带版本号）',
    handler: ({ params, body, ctx }) => assessments.updateSheet(ctx, params.id, body),
  });
  defineRoute(app, api.exportSheet, {
    permission: 'assessment.read',
    scope: readScope,
    tags,
    summary: '导出单个党组织考核表（Excel）',
    handler: async ({ params, ctx }, _req, reply) => {
      const { scheme, sheet } = await assessments.exportSheet(ctx, params.id);
      return sendXlsx(
        reply,
        `${scheme.year}年度考核_${safeName(sheet.partyOrgName)}.xlsx`,
        await sheetWorkbook(scheme, sheet),
      );
    },
  });
}
