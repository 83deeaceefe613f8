import { DASHBOARD_PERIODS, type DashboardPanelKey, type DashboardView, type Locale } from '@touyan/schemas';
import { buildWorkbook, type SheetColumn } from '../../core/xlsx';

/** One row of the export: a figure of the area, or of one of its counties. */
interface ExportRow {
  panel: string;
  label: string;
  area: string;
  value: number;
  previous: number | null;
  unit: string;
  link: string;
}

/** The rows of every panel (or the one named): each figure for the area, then for each county. */
function exportRows(d: DashboardView, panel: DashboardPanelKey | undefined): ExportRow[] {
  return d.panels
    .filter((p) => !panel || p.key === panel)
    .flatMap((p) =>
      p.figures.flatMap((f) => [
        {
          panel: p.title,
          label: f.label,
          area: d.area.name,
          value: f.value,
          previous: f.previous,
          unit: f.unit,
          link: f.link,
        },
        ...f.byArea.map((a) => ({
          panel: p.title,
          label: f.label,
          area: a.name,
          value: a.value,
          previous: null,
          unit: f.unit,
          link: a.link,
        })),
      ]),
    );
}

/** The dashboard as an Excel workbook (one sheet) and its file name, in the request's language. */
export async function dashboardWorkbook(
  d: DashboardView,
  panel: DashboardPanelKey | undefined,
  locale: Locale,
): Promise<{ filename: string; data: Buffer }> {
  const en = locale === 'en';
  const columns: SheetColumn<ExportRow>[] = [
    { header: en ? 'Panel' : '板块', width: 18, value: (r) => r.panel },
    { header: en ? 'Figure' : '指标', width: 28, value: (r) => r.label },
    { header: en ? 'Area' : '地区', width: 14, value: (r) => r.area },
    { header: `${en ? 'This period' : '本期'} ${d.period.from}~${d.period.to}`, width: 24, value: (r) => r.value },
    {
      header: `${en ? 'Previous' : '上期'} ${d.period.previousFrom}~${d.period.previousTo}`,
      width: 24,
      value: (r) => r.previous,
    },
    { header: en ? 'Unit' : '单位', width: 8, value: (r) => r.unit },
    { header: en ? 'List' : '明细列表', width: 60, value: (r) => r.link },
  ];
  const data = await buildWorkbook(en ? 'Dashboard' : '监管驾驶舱', columns, exportRows(d, panel));
  const kind = DASHBOARD_PERIODS[d.period.kind][en ? 'en' : 'zh-CN'];
  return { filename: `${d.area.name}${en ? ' dashboard' : '监管驾驶舱'}-${kind}-${d.period.from}.xlsx`, data };
}
