import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import {
  ATTACHMENT_MAX_BYTES,
  DISPUTE_OUTCOMES,
  DISPUTE_SOURCES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  LEGAL_AID_STATUSES,
  RESPONDENT_KINDS,
  type DisputeCaseView,
} from '@touyan/schemas';
import { disputesApi as api } from '@touyan/schemas/api';
import { AppError } from '../../core/errors';
import { defineRoute } from '../../core/route';
import { shanghaiDate } from '../../core/time';
import { buildWorkbook, sendXlsx, type SheetColumn } from '../../core/xlsx';
import type { Services } from '../../services';
import { contentDisposition } from '../attachments/attachments.files';

const tags = ['调裁诉援 disputes'];
const READ = '调解中心所在区划属于社工部工作人员绑定党组织所在区划及其下级，或本人任调解员的调解中心';
const WRITE = `${READ}（受理、记录各环节、法律咨询）`;
const MANAGE = '调解中心所在区划属于社工部工作人员绑定党组织所在区划及其下级';
const SELF = '本人（新就业群体账号）的案件';
/** The evidence upload: its request may take the long upload deadline (app.ts). */
export const DISPUTE_EVIDENCE_UPLOAD_URL = `/api${api.evidenceUpload.url}`;

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** The columns of the case list's Excel export (labels in Chinese, amounts in yuan). */
const EXPORT_COLUMNS: SheetColumn<DisputeCaseView>[] = [
  { header: '案件编号', width: 18, value: (c) => c.caseNo },
  { header: '受理日期', width: 12, value: (c) => c.receivedOn },
  { header: '调解中心', width: 24, value: (c) => c.centreName },
  { header: '区域', value: (c) => c.regionName },
  { header: '来源', value: (c) => DISPUTE_SOURCES[c.source]['zh-CN'] },
  { header: '申请人', value: (c) => c.workerName },
  { header: '联系电话', value: (c) => c.workerMobileMasked },
  { header: '被申请人', width: 30, value: (c) => c.respondentName },
  { header: '被申请人类型', value: (c) => RESPONDENT_KINDS[c.respondentKind]['zh-CN'] },
  { header: '统一社会信用代码', width: 22, value: (c) => c.respondentCreditCode },
  { header: '争议类型', value: (c) => DISPUTE_TYPES[c.type]['zh-CN'] },
  { header: '请求金额（元）', value: (c) => yuan(c.claimFen) },
  { header: '所处阶段', value: (c) => DISPUTE_STATUSES[c.status]['zh-CN'] },
  { header: '调解员', value: (c) => c.mediatorName },
  { header: '集体争议', width: 20, value: (c) => c.groupTitle },
  { header: '法律援助', value: (c) => (c.legalAid ? LEGAL_AID_STATUSES[c.legalAid]['zh-CN'] : null) },
  {
    header: '最近期限',
    width: 16,
    value: (c) => c.clocks.find((k) => k.daysLeft !== null)?.dueOn ?? null,
  },
  { header: '剩余天数', value: (c) => c.clocks.find((k) => k.daysLeft !== null)?.daysLeft ?? null },
  { header: '结案日期', width: 12, value: (c) => c.closedOn },
  { header: '结案方式', value: (c) => (c.outcome ? DISPUTE_OUTCOMES[c.outcome]['zh-CN'] : null) },
  { header: '实际追回（元）', value: (c) => yuan(c.recoveredFen) },
];

export async function disputesRoutes(app: FastifyInstance, { disputes, disputeCentres, attachments }: Services) {
  defineRoute(app, api.centres, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '调解中心列表（调解员、待结案件数）',
    handler: ({ ctx }) => disputeCentres.list(ctx),
  });
  defineRoute(app, api.createCentre, {
    permission: 'dispute.manage',
    tags,
    scope: MANAGE,
    summary: '设立调解中心（主任、调解员须持调解员角色；主任也可为社工部工作人员）',
    handler: ({ body, ctx }) => disputeCentres.create(ctx, body),
  });
  defineRoute(app, api.centre, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '调解中心详情',
    handler: ({ params, ctx }) => disputeCentres.get(ctx, params.id),
  });
  defineRoute(app, api.updateCentre, {
    permission: 'dispute.manage',
    tags,
    scope: MANAGE,
    summary: '修改调解中心及其调解员',
    handler: ({ params, body, ctx }) => disputeCentres.update(ctx, params.id, body),
  });
  defineRoute(app, api.list, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '劳动争议案件列表（类型、阶段、期限状态、法律援助等筛选；键集分页）',
    handler: ({ query, ctx }) => disputes.list(ctx, query),
  });
  defineRoute(app, api.exportCases, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '导出劳动争议案件（Excel，按列表筛选条件，至多5000行）',
    handler: async ({ query, ctx }, _req, reply) => {
      const rows = await disputes.exportRows(ctx, query);
      const data = await buildWorkbook('劳动争议案件', EXPORT_COLUMNS, rows);
      return sendXlsx(reply, `劳动争议案件-${shanghaiDate()}.xlsx`, data);
    },
  });
  defineRoute(app, api.intake, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '受理登记（同一劳动者对同一被申请人已有未结案件时 409）',
    handler: ({ body, ctx }) => disputes.intake(ctx, body),
  });
  defineRoute(app, api.mine, {
    permission: 'self',
    tags,
    scope: SELF,
    summary: '本人的劳动争议案件：所处阶段、下一个日期、办理进程',
    handler: ({ ctx }) => disputes.mine(ctx),
  });
  defineRoute(app, api.applyOnline, {
    permission: 'self',
    tags,
    scope: `${SELF}；提交到本人所在区划的调解中心`,
    summary: '本人在线申请调解（新就业群体账号）',
    handler: ({ body, ctx }) => disputes.applyOnline(ctx, body),
  });
  defineRoute(app, api.get, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '案件详情：各环节记录、法定期限、延期、时间线、证据',
    handler: ({ params, ctx }) => disputes.get(ctx, params.id),
  });
  defineRoute(app, api.event, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '办理一个环节（按流程表：调解、仲裁、诉讼、法律援助、结案）',
    handler: ({ params, body, ctx }) => disputes.event(ctx, params.id, body),
  });
  defineRoute(app, api.addEvidence, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '补充证据材料（先上传，再关联到案件）',
    handler: ({ params, body, ctx }) => disputes.addEvidence(ctx, params.id, body.evidenceIds),
  });
  defineRoute(app, api.evidenceFile, {
    permission: 'dispute.read',
    tags,
    scope: `${READ}；证据随案件可见`,
    summary: '查看证据材料',
    compress: false,
    handler: async ({ params, ctx }, _req, reply) => {
      const { row, stream } = await disputes.evidenceFile(ctx, params.id, params.fileId);
      return reply
        .header('content-type', row.mime)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.filename, row.mime))
        .header('cache-control', 'private, max-age=3600')
        .send(stream);
    },
  });
  defineRoute(app, api.createGroup, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '合并为集体争议（同一调解中心、同一被申请人、均未结案）',
    handler: ({ body, ctx }) => disputes.createGroup(ctx, body),
  });
  defineRoute(app, api.group, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '集体争议及其案件',
    handler: ({ params, ctx }) => disputes.group(ctx, params.id),
  });
  defineRoute(app, api.groupEvent, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '集体争议的案件一并办理同一环节（全部成功或全部不变）',
    handler: ({ params, body, ctx }) => disputes.groupEvent(ctx, params.id, body),
  });
  defineRoute(app, api.addGroupCases, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '向集体争议追加案件（同一调解中心、同一被申请人、未结案、未编入其他集体争议）',
    handler: ({ params, body, ctx }) => disputes.addGroupCases(ctx, params.id, body),
  });
  defineRoute(app, api.consultations, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '法律咨询登记列表',
    handler: ({ query, ctx }) => disputeCentres.consultations(ctx, query),
  });
  defineRoute(app, api.createConsultation, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '登记法律咨询（热线、驿家、来访、线上）',
    handler: ({ body, ctx }) => disputeCentres.createConsultation(ctx, body),
  });
  defineRoute(app, api.consultation, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '法律咨询详情',
    handler: ({ params, ctx }) => disputeCentres.consultation(ctx, params.id),
  });
  defineRoute(app, api.updateConsultation, {
    permission: 'dispute.write',
    tags,
    scope: WRITE,
    summary: '补充答复、回访，或关联转成的案件',
    handler: ({ params, body, ctx }) => disputeCentres.updateConsultation(ctx, params.id, body),
  });
  defineRoute(app, api.stats, {
    permission: 'dispute.read',
    tags,
    scope: READ,
    summary: '调裁诉援统计：按类型与阶段、调解成功率、平均办结天数、追回金额、法律援助、咨询（按区域与月份）',
    handler: ({ query, ctx }) => disputes.stats(ctx, query),
  });
  // The evidence upload reads multipart: registered in its own scope, as the attachments' uploads.
  await app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 200, parts: 6 },
    });
    defineRoute(scoped, api.evidenceUpload, {
      permission: 'self',
      tags,
      scope: '调解员、社工部工作人员，或新就业群体本人上传；保存案件时关联',
      summary: '上传证据材料（multipart：file；PDF/图片/Word/Excel，劳动者本人仅照片/PDF，≤20MB，校验文件头）',
      handler: ({ ctx }, req) => {
        const { photoOrPdf } = disputes.assertMayUpload(ctx);
        if (!req.isMultipart()) throw new AppError('VALIDATION_FAILED', { file: 'required' });
        return attachments.upload(ctx, req.parts(), { dispute: true, photoOrPdf });
      },
    });
  });
}
