import ExcelJS from 'exceljs';
import { CONTEST_GRADES, type ContestResultsView, type ContestSheetRow } from '@touyan/schemas';
import { shanghaiDateTime } from '../../core/time';

/** Two sheets: the results (overrides marked) and every judge's sheet. */
export async function resultsWorkbook(results: ContestResultsView, sheets: ContestSheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '头雁';
  const ws = wb.addWorksheet('比武结果');
  ws.columns = [
    { header: '名次', width: 8 },
    { header: '出场顺序', width: 10 },
    { header: '项目', width: 36 },
    { header: '申报单位', width: 28 },
    { header: '现场得分', width: 12 },
    { header: '计算得分', width: 12 },
    { header: '计算等次', width: 10 },
    { header: '最终得分', width: 12 },
    { header: '最终等次', width: 10 },
    { header: '调整说明', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const g = (x: string | null) => (x ? CONTEST_GRADES[x as keyof typeof CONTEST_GRADES]['zh-CN'] : null);
  for (const r of results.rows) {
    ws.addRow([
      r.rank,
      r.position,
      r.title,
      r.orgName,
      r.stageScore,
      r.computedScore,
      g(r.computedGrade),
      r.finalScore,
      g(r.grade),
      r.override ? `已调整（${r.override.byName ?? ''}）：${r.override.reason}` : null,
    ]);
  }
  ws.addRow([]);
  for (const line of results.legend) ws.addRow([line]);

  const js = wb.addWorksheet('评委评分表');
  js.columns = [
    { header: '评委', width: 12 },
    { header: '项目', width: 36 },
    ...results.rubric.criteria.map((c) => ({ header: `${c.name}（${c.maxPoints}）`, width: 14 })),
    { header: '总分', width: 10 },
    { header: '提交时间（北京时间）', width: 22 },
  ];
  js.getRow(1).font = { bold: true };
  js.views = [{ state: 'frozen', ySplit: 1 }];
  for (const s of sheets) {
    js.addRow([
      s.judgeName,
      s.projectTitle,
      ...results.rubric.criteria.map((c) => s.scores[c.code] ?? null),
      s.total,
      shanghaiDateTime(s.submittedAt),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
