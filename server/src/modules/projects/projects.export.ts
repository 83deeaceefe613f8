import { PROJECT_RATINGS, PROJECT_STATUSES, TARGET_GROUPS, type ProjectListItem } from '@touyan/schemas';
import { shanghaiDate } from '../../core/time';
import { buildWorkbook, type SheetColumn } from '../../core/xlsx';

const date = (iso: string | null) => (iso ? shanghaiDate(iso) : '');

const COLUMNS: SheetColumn<ProjectListItem>[] = [
  { header: '项目编号', width: 14, value: (p) => p.code ?? '' },
  { header: '项目名称', width: 40, value: (p) => p.title },
  { header: '状态', width: 16, value: (p) => PROJECT_STATUSES[p.status]['zh-CN'] },
  { header: '所属活动', width: 28, value: (p) => p.campaignName },
  { header: '选题方向', width: 20, value: (p) => p.themeName },
  { header: '服务对象', width: 12, value: (p) => (p.targetGroup ? TARGET_GROUPS[p.targetGroup]['zh-CN'] : '') },
  { header: '申报党组织', width: 28, value: (p) => p.orgName },
  { header: '行政区划', width: 12, value: (p) => p.regionName },
  { header: '书记', width: 10, value: (p) => p.secretaryName },
  { header: '申报版本', width: 8, value: (p) => p.versionNo },
  { header: '最近季度评定', width: 12, value: (p) => (p.latestRating ? PROJECT_RATINGS[p.latestRating]['zh-CN'] : '') },
  { header: '逾期报告数', width: 10, value: (p) => p.overdueReports },
  { header: '申报日期', width: 12, value: (p) => date(p.submittedAt) },
  { header: '立项日期', width: 12, value: (p) => date(p.approvedAt) },
];

export const projectsWorkbook = (rows: ProjectListItem[]) => buildWorkbook('书记项目', COLUMNS, rows);
