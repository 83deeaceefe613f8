import ExcelJS from 'exceljs';
import { DECISIONS, MEETING_STATUSES, type MeetingView } from '@touyan/schemas';
import { shanghaiDateTime } from '../../core/time';

const BOLD = { bold: true } as const;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF6E7E7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** Beijing time, minutes precision (e.g. 2025-03-31 14:05). */
function beijing(iso: string | null): string {
  return iso ? shanghaiDateTime(iso).slice(0, 16) : '';
}

function headerRow(ws: ExcelJS.Worksheet, values: string[]) {
  const row = ws.addRow(values);
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  return row;
}

function bodyRow(ws: ExcelJS.Worksheet, values: (string | number | null)[]) {
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (c) => {
    c.border = THIN;
    c.alignment = { vertical: 'top', wrapText: true };
  });
  return row;
}

/**
 * The minutes of a review meeting (研判会会议纪要) as a workbook with two sheets:
 * 1. 会议纪要 — the meeting, its attendees, and each agenda item with averages and the decision;
 * 2. 评审意见 — every reviewer's scores and comments per item.
 */
export async function minutesWorkbook(m: MeetingView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '头雁';
  wb.created = new Date();
  const criteria = m.criteria;

  // ——— Sheet 1: the minutes ———
  const ws = wb.addWorksheet('会议纪要', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = 6 + criteria.length + 3;
  ws.columns = [
    { width: 6 },
    { width: 34 },
    { width: 22 },
    { width: 8 },
    ...criteria.map(() => ({ width: 9 })),
    { width: 9 },
    { width: 10 },
    { width: 16 },
    { width: 40 },
    { width: 16 },
  ];
  const title = ws.addRow([`${m.title}会议纪要${m.status === 'open' ? '（草稿，会议尚未结束）' : ''}`]);
  ws.mergeCells(title.number, 1, title.number, width);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  const meta: [string, string][] = [
    ['所属活动', `${m.campaignName}（${m.campaignOrgName}）`],
    ['会议日期', m.meetingDate],
    ['会议地点', m.place],
    ['主持人', m.chairName],
    ['参会评审人', m.reviewers.map((r) => r.name).join('、')],
    ['会议状态', `${MEETING_STATUSES[m.status]['zh-CN']}${m.closedAt ? `（${beijing(m.closedAt)} 结束）` : ''}`],
    ['研判要点', criteria.map((c) => `${c.name}（1–5分）`).join('、')],
  ];
  if (m.note) meta.push(['备注', m.note]);
  for (const [k, v] of meta) {
    const r = ws.addRow([k, v]);
    ws.mergeCells(r.number, 2, r.number, width);
    r.getCell(1).font = BOLD;
    r.getCell(2).alignment = { wrapText: true };
  }
  ws.addRow([]);
  headerRow(ws, [
    '序号',
    '项目名称',
    '申报单位',
    '版本',
    ...criteria.map((c) => `${c.name}均分`),
    '综合均分',
    '评审人数',
    '决定',
    '修改要求 / 理由',
    '项目编号',
  ]);
  m.items.forEach((i, n) => {
    bodyRow(ws, [
      n + 1,
      i.projectTitle,
      i.orgName,
      `第${i.versionNo}版`,
      ...criteria.map((c) => i.averages[c.code] ?? null),
      i.overall,
      i.judgementCount ?? i.judgements.length,
      i.decision ? DECISIONS[i.decision]['zh-CN'] : '未决定',
      i.decisionNote ?? '',
      i.projectCode ?? '',
    ]);
  });
  if (m.items.length === 0) bodyRow(ws, ['', '（无议题）']);
  const counts = { approve: 0, return: 0, reject: 0 };
  for (const i of m.items) if (i.decision) counts[i.decision]++;
  ws.addRow([]);
  const sum = ws.addRow([
    '',
    `共研判 ${m.items.length} 项：批准立项 ${counts.approve} 项，退回重新申报 ${counts.return} 项，不予立项 ${counts.reject} 项。`,
  ]);
  ws.mergeCells(sum.number, 2, sum.number, width);
  ws.addRow([]);
  const sign = ws.addRow(['', `主持人（签字）：                记录人：                ${m.meetingDate}`]);
  ws.mergeCells(sign.number, 2, sign.number, width);

  // ——— Sheet 2: the judgements ———
  const js = wb.addWorksheet('评审意见', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  js.columns = [
    { width: 6 },
    { width: 34 },
    { width: 12 },
    ...criteria.map(() => ({ width: 9 })),
    { width: 8 },
    { width: 48 },
    { width: 18 },
  ];
  headerRow(js, ['序号', '项目名称', '评审人', ...criteria.map((c) => c.name), '合计', '评审意见', '评审时间']);
  m.items.forEach((i, n) => {
    if (i.judgements.length === 0) {
      bodyRow(js, [n + 1, i.projectTitle, '（暂无评审意见）']);
      return;
    }
    for (const j of i.judgements) {
      const scores = criteria.map((c) => j.scores[c.code] ?? null);
      bodyRow(js, [
        n + 1,
        i.projectTitle,
        j.reviewerName,
        ...scores,
        scores.reduce<number>((a, b) => a + (b ?? 0), 0),
        j.comment ?? '',
        beijing(j.at),
      ]);
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
