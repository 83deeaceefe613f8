import type { FastifyInstance } from 'fastify';
import { contestsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';
import { SESSION_COOKIE } from '../auth/auth.routes';
import { resultsWorkbook } from './contests.export';
import { openStream } from './contests.stream';

const tags = ['比武打擂 contests'];
const readScope =
  '管理员全部；社工部工作人员为本人绑定社工部及其下级所办活动的比武；评委只见本人担任评委的比武（其他为404）';
const manageScope = '社工部工作人员：活动所属社工部在本人绑定党组织及其下级（与修改活动相同）';
const judgeScope =
  '本人担任评委的比武；与项目申报单位（或其上下级；主办社工部及其上级除外，下级社工部不除外）有绑定关系或申报回避的项目为404';
const templateScope = '社工部工作人员：模板所属社工部在本人绑定党组织及其下级；列表另含上级社工部的模板（可复用）';
const read = { permission: 'contest.read', scope: readScope, tags } as const;
const manage = { permission: 'contest.manage', scope: manageScope, tags } as const;
const templates = { permission: 'contest.manage', scope: templateScope, tags } as const;
const judge = { permission: 'contest.score', tags } as const;

export function contestsRoutes(app: FastifyInstance, { contests, auth }: Services) {
  // ——— rubric templates ———
  defineRoute(app, api.templates, {
    ...templates,
    summary: '评分细则模板列表',
    handler: ({ ctx }) => contests.templates(ctx),
  });
  defineRoute(app, api.createTemplate, {
    ...templates,
    summary: '新建评分细则模板（各项满分合计100）',
    handler: ({ body, ctx }) => contests.createTemplate(ctx, body),
  });
  defineRoute(app, api.updateTemplate, {
    ...templates,
    summary: '修改评分细则模板（带版本号）',
    handler: ({ params, body, ctx }) => contests.updateTemplate(ctx, params.id, body),
  });
  defineRoute(app, api.deleteTemplate, {
    ...templates,
    summary: '删除评分细则模板（已建比武保留各自的细则副本）',
    handler: ({ params, ctx }) => contests.deleteTemplate(ctx, params.id),
  });

  // ——— contests ———
  defineRoute(app, api.list, {
    ...read,
    summary: '比武列表',
    handler: ({ query, ctx }) => contests.list(ctx, query),
  });
  defineRoute(app, api.create, {
    ...manage,
    scope: `${manageScope}；参赛项目须为本活动已立项或已完成的项目，评委须具有评委角色`,
    summary: '新建比武（日期、地点、参赛项目、评委、汇报时长、评分细则、计分规则）',
    handler: ({ body, ctx }) => contests.create(ctx, body),
  });
  defineRoute(app, api.get, {
    ...read,
    scope: `${readScope}；评委只见本人的回避情况，不见他人评分`,
    summary: '比武详情（出场顺序、当前汇报、评委、回避）',
    handler: ({ params, ctx }) => contests.get(ctx, params.id),
  });
  defineRoute(app, api.update, {
    ...manage,
    scope: `${manageScope}；仅筹备中可改；参赛项目变化时清除抽签结果`,
    summary: '修改比武设置（带版本号）',
    handler: ({ params, body, ctx }) => contests.update(ctx, params.id, body),
  });
  defineRoute(app, api.draw, {
    ...manage,
    scope: `${manageScope}；比武开始前；重新抽签须写理由`,
    summary: '抽签确定出场顺序（随机种子记录在案，任何人可复算）',
    handler: ({ params, body, ctx }) => contests.draw(ctx, params.id, body),
  });
  defineRoute(app, api.draws, {
    ...read,
    summary: '抽签记录与复算校验（drawOrder(项目编号, 种子) 得到相同顺序）',
    handler: ({ params, ctx }) => contests.draws(ctx, params.id),
  });
  defineRoute(app, api.addConflict, {
    ...manage,
    scope: `${manageScope}；比武结束前；该评委已提交该项目评分的不可再回避`,
    summary: '登记评委回避（写明理由）',
    handler: ({ params, body, ctx }) => contests.addConflict(ctx, params.id, body),
  });
  defineRoute(app, api.removeConflict, {
    ...manage,
    scope: `${manageScope}；比武结束前`,
    summary: '撤销登记的回避（写明理由）',
    handler: ({ params, body, ctx }) => contests.removeConflict(ctx, params.id, params.conflictId, body.reason),
  });

  // ——— the host console ———
  defineRoute(app, api.ready, {
    ...manage,
    summary: '就绪：固定评委、参赛项目和出场顺序（须已抽签）',
    handler: ({ params, body, ctx }) => contests.ready(ctx, params.id, body.version),
  });
  defineRoute(app, api.toDraft, {
    ...manage,
    scope: `${manageScope}；仅已就绪的比武；须填写原因（2至200字）`,
    summary: '退回草稿：重新修改评委、参赛项目或评分细则（须填写原因）',
    handler: ({ params, body, ctx }) => contests.toDraft(ctx, params.id, body.version, body.reason),
  });
  defineRoute(app, api.start, {
    ...manage,
    summary: '开始比武',
    handler: ({ params, body, ctx }) => contests.start(ctx, params.id, body.version),
  });
  defineRoute(app, api.next, {
    ...manage,
    summary: '下一位汇报（当前项目须已截止评分；无下一位时比武结束）',
    handler: ({ params, body, ctx }) => contests.next(ctx, params.id, body.version),
  });
  defineRoute(app, api.publish, {
    ...manage,
    summary: '发布结果（比武结束后）',
    handler: ({ params, body, ctx }) => contests.publish(ctx, params.id, body.version),
  });
  defineRoute(app, api.close, {
    ...manage,
    summary: '截止某项目评分',
    handler: ({ params, body, ctx }) => contests.close(ctx, params.id, params.projectId, body.version),
  });
  defineRoute(app, api.reopen, {
    ...manage,
    scope: `${manageScope}；须写明理由`,
    summary: '重新开放某项目评分（已提交的评分仍锁定）',
    handler: ({ params, body, ctx }) => contests.reopen(ctx, params.id, params.projectId, body.version, body.reason),
  });

  // ——— judges ———
  defineRoute(app, api.sheet, {
    ...judge,
    scope: judgeScope,
    summary: '本人对某项目的评分表',
    handler: ({ params, ctx }) => contests.sheet(ctx, params.id, params.projectId),
  });
  defineRoute(app, api.submit, {
    ...judge,
    scope: `${judgeScope}；仅该项目评分开放时；提交后锁定，再次提交为409`,
    summary: '提交本人评分（各项0至该项满分的整数）',
    handler: ({ params, body, ctx }) => contests.submit(ctx, params.id, params.projectId, body),
  });

  // ——— board, results ———
  defineRoute(app, api.board, {
    ...read,
    scope: `${readScope}；评委在结果发布前不见得分`,
    summary: '大屏状态（当前汇报、倒计时、已提交评委数、已截止项目得分）',
    handler: ({ params, ctx }) => contests.board(ctx, params.id),
  });
  defineRoute(app, api.stream, {
    ...read,
    scope: `${readScope}；评委在结果发布前不见得分；每30秒及比武状态变化时复查，失去权限即结束推送`,
    summary:
      '大屏实时推送（Server-Sent Events：变化后推送 board 事件，连续变化时每200毫秒至多一次、末次变化后必推送；15秒心跳；once=1 只推送一次）',
    // Each event must reach the big screen at once: never compressed (nor buffered by a proxy: see README).
    compress: false,
    handler: ({ params, query, ctx }, req, reply) => {
      // The stream outlives the request: its session is read again at each access check.
      const token = req.cookies[SESSION_COOKIE];
      const refresh = token
        ? async () => {
            const session = await auth.resolve(token);
            return session ? { ...ctx, actor: session.actor } : null;
          }
        : null;
      return openStream(contests, ctx, params.id, query.once === '1', req, reply, refresh);
    },
  });
  defineRoute(app, api.results, {
    ...read,
    scope: `${manageScope}随时可见；评委在结果发布后可见（评委匿名、不含分项）`,
    summary: '比武结果（得分、名次、等次、计算过程、调整记录）',
    handler: ({ params, ctx }) => contests.results(ctx, params.id),
  });
  defineRoute(app, api.sheets, {
    ...manage,
    summary: '各评委评分表（仅社工部工作人员）',
    handler: ({ params, ctx }) => contests.sheets(ctx, params.id),
  });
  defineRoute(app, api.override, {
    ...manage,
    scope: `${manageScope}；比武结束后；须写明理由（分值与等次均为空即撤销调整）`,
    summary: '调整某项目最终得分或等次（留痕并标注）',
    handler: ({ params, body, ctx }) => contests.override(ctx, params.id, params.projectId, body),
  });
  defineRoute(app, api.resultsXlsx, {
    ...manage,
    summary: '导出比武结果和各评委评分表（Excel）',
    handler: async ({ params, ctx }, _req, reply) => {
      const { name, results, sheets } = await contests.exportData(ctx, params.id);
      const file = name.replace(/[\\/:*?"<>|\r\n]/g, '_');
      return sendXlsx(reply, `${file}_比武结果.xlsx`, await resultsWorkbook(results, sheets));
    },
  });
}
