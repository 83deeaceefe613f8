import { route } from '../contract';
import { dashboardQuery, dashboardView } from '../dashboards';

/** 监管驾驶舱 (issue 15): the city and county dashboards and the 数据大屏. */
export const dashboardsApi = {
  overview: route('GET', '/dashboards/overview', { query: dashboardQuery, response: dashboardView }),
};
