import { route, xlsxResponse } from '../contract';
import { dashboardExportQuery, dashboardQuery, dashboardView } from '../dashboards';

/** 监管驾驶舱 (issue 15): the city and county dashboards and the 数据大屏. */
export const dashboardsApi = {
  overview: route('GET', '/dashboards/overview', { query: dashboardQuery, response: dashboardView }),
  export: route('GET', '/dashboards/overview/export.xlsx', { query: dashboardExportQuery, response: xlsxResponse }),
};
