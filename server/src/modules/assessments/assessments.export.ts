import ExcelJS from 'exceljs';
import {
  ASSESSMENT_GRADES,
  CONTEST_GRADES,
  type AssessmentContestSource,
  type AssessmentGrade,
  type AssessmentSchemeView,
  type AssessmentSheetView,
} from '@touyan/schemas';
import { buildWorkbook, type SheetColumn } from '../../core/xlsx';

const gradeName = (g: AssessmentGrade | null) => (g ? ASSESSMENT_GRADES[g]['zh-CN'] : '未完成');

export function sourceNote(s: AssessmentContestSource | null): string | null {
  if (!s) return null;
  const result = [
    s.grade ? `等次${CONTEST_GRADES[s.grade]['zh-CN']}` : null,
    s.score !== null ? `得分${s.score}` : null,
  ]
    .filter(Boolean)
    .join('，');
  return `${s.contestName}｜${s.projectCode ?? ''} ${s.projectTitle}｜${result}`;
}

/** The area's list: one row per organisation, one column per item, total and grade. */
export function schemeWorkbook(scheme: AssessmentSchemeView, sheets: readonly AssessmentSheetView[]): Promise<Buffer> {
  const columns: SheetColumn<AssessmentSheetView>[] = [
    { header: '党组织', width: 32, value: (r) => r.partyOrgName },
    ...scheme.items.map((it) => ({
      header: `${it.name}（${it.maxPoints}）`,
      width: 14,
      value: (r: AssessmentSheetView) => r.values[it.code] ?? null,
    })),
    { header: '总分', width: 10, value: (r) => r.total },
    { header: '等次', width: 10, value: (r) => gradeName(r.grade) },
    { header: '书记项目来源', width: 50, value: (r) => sourceNote(r.contestSource) },
  ];
  return buildWorkbook(`${scheme.year}年度考核`, columns, sheets);
}

/** One organisation's sheet: each item with its maximum, points and source; total and grade. */
export async function sheetWorkbook(scheme: AssessmentSchemeView, sheet: AssessmentSheetView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '头雁';
  const ws = wb.addWorksheet('考核表');
  ws.columns = [{ width: 16 }, { width: 8 }, { width: 10 }, { width: 56 }];
  ws.addRow([`${scheme.name}（${scheme.year}年度）`]).font = { bold: true, size: 14 };
  ws.addRow([`党组织：${sheet.partyOrgName}`]);
  ws.addRow(['考核项目', '满分', '得分', '来源']).font = { bold: true };
  for (const it of scheme.items) {
    ws.addRow([
      it.name,
      it.maxPoints,
      sheet.values[it.code] ?? null,
      it.source === 'contest' ? (sourceNote(sheet.contestSource) ?? '比武结果（未填入）') : '人工录入',
    ]);
  }
  const total = ws.addRow(['总分', scheme.items.reduce((s, it) => s + it.maxPoints, 0), sheet.total, null]);
  total.font = { bold: true };
  ws.addRow(['等次', null, gradeName(sheet.grade), null]).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
