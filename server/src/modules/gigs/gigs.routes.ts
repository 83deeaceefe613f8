import type { FastifyInstance } from 'fastify';
import { GIG_INTENTION_STATUSES } from '@touyan/schemas';
import { gigsApi as api } from '@touyan/schemas/api';
import { defineRoute } from '../../core/route';
import { shanghaiDate, shanghaiDateTime as beijing } from '../../core/time';
import { buildWorkbook, sendXlsx } from '../../core/xlsx';
import type { Services } from '../../services';

const tags = ['零工快招 gig hiring'];
const JOB_READ =
  '管理员：全部；社工部工作人员：所绑定党组织所在行政区划及以下的岗位；用工单位：本单位的岗位；新就业群体：招聘中的岗位及本人报名的岗位';
const JOB_WRITE = '管理员：全部；社工部工作人员：所绑定党组织所在行政区划及以下的岗位；用工单位：本单位的岗位';
const JOB_APPROVE = '管理员：全部；社工部工作人员：所绑定党组织所在行政区划及以下的岗位';
const INTENTIONS = `${JOB_WRITE}上的求职意向；新就业群体：本人的求职意向`;
const FAIR_READ =
  '管理员与新就业群体：全部招聘会；社工部工作人员：本级及下级党组织主办的招聘会；用工单位：本单位参加的招聘会';
const FAIR_WRITE = '管理员：全部；社工部工作人员：本级及下级党组织主办的招聘会';
const SELF = '本人的新就业群体登记';

export function gigsRoutes(app: FastifyInstance, { gigs, gigFairs }: Services) {
  defineRoute(app, api.listJobs, {
    permission: 'gig.read',
    tags,
    scope: JOB_READ,
    summary: '零工岗位列表',
    handler: ({ query, ctx }) => gigs.listJobs(ctx, query),
  });
  defineRoute(app, api.forMe, {
    permission: 'gig.apply',
    tags,
    scope: `${SELF}：按求职偏好匹配的招聘中岗位`,
    summary: '为我推荐的岗位（匹配度与理由）',
    handler: ({ query, ctx }) => gigs.forMe(ctx, query),
  });
  defineRoute(app, api.createJob, {
    permission: 'gig.post',
    tags,
    scope: JOB_WRITE,
    summary: '发布零工岗位（新用工单位首个岗位须经审核）',
    handler: ({ body, ctx }) => gigs.createJob(ctx, body),
  });
  defineRoute(app, api.getJob, {
    permission: 'gig.read',
    tags,
    scope: JOB_READ,
    summary: '零工岗位详情',
    handler: ({ params, ctx }) => gigs.getJob(ctx, params.id),
  });
  defineRoute(app, api.updateJob, {
    permission: 'gig.post',
    tags,
    scope: JOB_WRITE,
    summary: '修改零工岗位（修改未通过的岗位即重新提交审核）',
    handler: ({ params, body, ctx }) => gigs.updateJob(ctx, params.id, body),
  });
  defineRoute(app, api.approveJob, {
    permission: 'gig.manage',
    tags,
    scope: JOB_APPROVE,
    summary: '审核通过并发布岗位',
    handler: ({ params, body, ctx }) => gigs.approveJob(ctx, params.id, body),
  });
  defineRoute(app, api.rejectJob, {
    permission: 'gig.manage',
    tags,
    scope: JOB_APPROVE,
    summary: '审核不通过（须填写原因）',
    handler: ({ params, body, ctx }) => gigs.rejectJob(ctx, params.id, body),
  });
  defineRoute(app, api.closeJob, {
    permission: 'gig.post',
    tags,
    scope: JOB_WRITE,
    summary: '结束招聘（撤下岗位）',
    handler: ({ params, body, ctx }) => gigs.closeJob(ctx, params.id, body),
  });
  defineRoute(app, api.reopenJob, {
    permission: 'gig.post',
    tags,
    scope: JOB_WRITE,
    summary: '重新开放招聘（未招满且未过截止日期）',
    handler: ({ params, body, ctx }) => gigs.reopenJob(ctx, params.id, body),
  });
  defineRoute(app, api.matches, {
    permission: 'gig.post',
    tags,
    scope: JOB_WRITE,
    summary: '匹配的求职者（匹配度与理由；用工单位看到的姓名已脱敏）',
    handler: ({ params, query, ctx }) => gigs.matches(ctx, params.id, query),
  });
  defineRoute(app, api.apply, {
    permission: 'gig.read',
    tags,
    scope: `新就业群体：招聘中的岗位（本人报名）；社工部工作人员：${JOB_APPROVE}（招聘会现场代为登记）`,
    summary: '一键报名（登记求职意向）',
    handler: ({ params, body, ctx }) => gigs.apply(ctx, params.id, body),
  });
  defineRoute(app, api.applyMany, {
    permission: 'gig.manage',
    tags,
    scope: `${JOB_APPROVE}；所登记的新就业群体须在本人所辖行政区划内`,
    summary: '招聘会现场批量登记求职意向',
    handler: ({ params, body, ctx }) => gigs.applyMany(ctx, params.id, body),
  });
  defineRoute(app, api.listIntentions, {
    permission: 'gig.read',
    tags,
    scope: INTENTIONS,
    summary: '求职意向（报名者及匹配理由；联系方式经本人同意后可见）',
    handler: ({ query, ctx }) => gigs.listIntentions(ctx, query),
  });
  defineRoute(app, api.shareContact, {
    permission: 'gig.apply',
    tags,
    scope: '本人的求职意向',
    summary: '同意向用工单位提供联系方式',
    handler: ({ params, ctx }) => gigs.shareContact(ctx, params.id),
  });
  defineRoute(app, api.withdraw, {
    permission: 'gig.apply',
    tags,
    scope: '本人的求职意向',
    summary: '撤回求职意向',
    handler: ({ params, ctx }) => gigs.withdraw(ctx, params.id),
  });
  defineRoute(app, api.decide, {
    permission: 'gig.post',
    tags,
    scope: `${JOB_WRITE}上的求职意向`,
    summary: '录用 / 不录用（招满即结束招聘）',
    handler: ({ params, body, ctx }) => gigs.decide(ctx, params.id, body),
  });
  defineRoute(app, api.myPreferences, {
    permission: 'gig.apply',
    tags,
    scope: SELF,
    summary: '我的求职偏好',
    handler: ({ ctx }) => gigs.myPreferences(ctx),
  });
  defineRoute(app, api.saveMyPreferences, {
    permission: 'gig.apply',
    tags,
    scope: SELF,
    summary: '设置求职偏好（工种、地点与距离、时间、最低薪资、技能、免打扰工种）',
    handler: ({ body, ctx }) => gigs.saveMyPreferences(ctx, body),
  });
  defineRoute(app, api.saveWorkerPreferences, {
    permission: 'gig.manage',
    tags,
    scope: '管理员：全部；社工部工作人员：所绑定党组织所在行政区划及以下的新就业群体',
    summary: '代为登记求职偏好（零工驿站、招聘会现场）',
    handler: ({ params, body, ctx }) => gigs.savePreferencesFor(ctx, params.id, body),
  });
  defineRoute(app, api.listPushes, {
    permission: 'gig.manage',
    tags,
    scope: JOB_APPROVE,
    summary: '岗位推送记录',
    handler: ({ query, ctx }) => gigs.listPushes(ctx, query),
  });
  defineRoute(app, api.listFairs, {
    permission: 'gig.read',
    tags,
    scope: FAIR_READ,
    summary: '招聘会列表',
    handler: ({ query, ctx }) => gigFairs.list(ctx, query),
  });
  defineRoute(app, api.createFair, {
    permission: 'gig.manage',
    tags,
    scope: FAIR_WRITE,
    summary: '新建招聘会',
    handler: ({ body, ctx }) => gigFairs.create(ctx, body),
  });
  defineRoute(app, api.getFair, {
    permission: 'gig.read',
    tags,
    scope: FAIR_READ,
    summary: '招聘会详情（参会单位、岗位、签到、意向、录用）',
    handler: ({ params, ctx }) => gigFairs.get(ctx, params.id),
  });
  defineRoute(app, api.updateFair, {
    permission: 'gig.manage',
    tags,
    scope: FAIR_WRITE,
    summary: '修改招聘会（状态、成效）',
    handler: ({ params, body, ctx }) => gigFairs.update(ctx, params.id, body),
  });
  defineRoute(app, api.fairCode, {
    permission: 'gig.manage',
    tags,
    scope: FAIR_WRITE,
    summary: '招聘会签到码（现场张贴为二维码）',
    handler: ({ params, ctx }) => gigFairs.code(ctx, params.id),
  });
  defineRoute(app, api.fairAttendance, {
    permission: 'gig.manage',
    tags,
    scope: FAIR_WRITE,
    summary: '招聘会签到记录',
    handler: ({ params, query, ctx }) => gigFairs.attendance(ctx, params.id, query),
  });
  defineRoute(app, api.fairSignIn, {
    permission: 'gig.apply',
    tags,
    scope: '扫码签到：签到码所指招聘会；须为已认证的新就业群体本人',
    summary: '招聘会扫码签到（每人每场一次）',
    handler: ({ body, ctx }) => gigFairs.signIn(ctx, body),
  });
  defineRoute(app, api.exportPushes, {
    permission: 'gig.manage',
    tags,
    scope: JOB_APPROVE,
    summary: '导出岗位推送记录（Excel，按筛选条件）',
    handler: async ({ query, ctx }, _req, reply) => {
      const rows = await gigs.exportPushes(ctx, query);
      const data = await buildWorkbook(
        '岗位推送记录',
        [
          { header: '推送时间', width: 20, value: (r) => beijing(r.createdAt) },
          { header: '岗位', width: 24, value: (r) => r.jobTitle },
          { header: '求职者', width: 12, value: (r) => r.workerName },
          { header: '匹配度', width: 8, value: (r) => r.score },
          { header: '匹配理由', width: 48, value: (r) => r.summary },
          { header: '站内消息', width: 10, value: (r) => (r.inApp ? '是' : '否') },
          { header: '短信', width: 8, value: (r) => (r.sms ? '是' : '否') },
          { header: '触发', width: 10, value: (r) => (r.trigger === 'publish' ? '发布时' : '每日推送') },
        ],
        rows,
      );
      return sendXlsx(reply, `岗位推送记录_${shanghaiDate()}.xlsx`, data);
    },
  });
  defineRoute(app, api.exportIntentions, {
    permission: 'gig.read',
    tags,
    scope: INTENTIONS,
    summary: '导出求职意向（Excel，按筛选条件；联系方式按列表规则脱敏）',
    handler: async ({ query, ctx }, _req, reply) => {
      const rows = await gigs.exportIntentions(ctx, query);
      const data = await buildWorkbook(
        '求职意向',
        [
          { header: '登记时间', width: 20, value: (r) => beijing(r.createdAt) },
          { header: '岗位', width: 24, value: (r) => r.jobTitle },
          { header: '用工单位', width: 28, value: (r) => r.hostOrgName },
          { header: '求职者', width: 12, value: (r) => r.workerName },
          { header: '手机号', width: 14, value: (r) => r.mobile },
          { header: '匹配度', width: 8, value: (r) => r.score },
          { header: '匹配理由', width: 48, value: (r) => r.summary },
          { header: '状态', width: 10, value: (r) => GIG_INTENTION_STATUSES[r.status]['zh-CN'] },
          { header: '招聘会现场', width: 10, value: (r) => (r.fairId ? '是' : '') },
          { header: '处理时间', width: 20, value: (r) => (r.decidedAt ? beijing(r.decidedAt) : '') },
        ],
        rows,
      );
      return sendXlsx(reply, `求职意向_${shanghaiDate()}.xlsx`, data);
    },
  });
}
