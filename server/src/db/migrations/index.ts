import type { PortableMigration } from '../portability';
import { foundation } from './0001_foundation';
import { projects } from './0002_projects';
import { contests } from './0003_contests';
import { assessments } from './0004_assessments';
import { contestRatings } from './0005_contest_ratings';
import { loginThrottle } from './0006_login_throttle';
import { uploadQuota } from './0007_upload_quota';
import { progressReportPosts } from './0008_progress_report_posts';
import { projectCodeCounters } from './0009_project_code_counters';
import { jobs } from './0010_jobs';
import { ledger } from './0011_ledger';
import { demands } from './0012_demands';
import { ledgerImports } from './0013_ledger_imports';
import { projectsListOrder } from './0014_projects_list_order';
import { visits } from './0015_visits';
import { visitPhotos } from './0016_visit_photos';
import { demandChallenges } from './0017_demand_challenges';
import { indicatorFigures } from './0018_indicator_figures';
import { workers } from './0019_workers';
import { passes } from './0020_passes';
import { stations } from './0021_stations';
import { indicatorArea } from './0022_indicator_area';
import { workersMore } from './0023_workers_more';
import { stationHoursSpans } from './0025_station_hours_spans';
import { keyCanary } from './0028_key_canary';
import { rateLimits } from './0029_rate_limits';
import { gigPushScope } from './0031_gig_push_scope';
import { gigPreferencesBox } from './0032_gig_preferences_box';
import { dashboardIndexes } from './0033_dashboard_indexes';
import { dashboardSummaries } from './0035_dashboard_summaries';
import { scanSummary } from './0036_scan_summary';
import { demandMonthlyStats } from './0037_demand_monthly_stats';
import { passSummaries } from './0038_pass_summaries';
import { coverageSummary } from './0039_coverage_summary';
import { gigs } from './0026_gigs';
import { disputes } from './0027_disputes';

/** Every migration, in order. Never edit one that has landed: add a new file. */
export const MIGRATIONS: Record<string, PortableMigration> = {
  '0001_foundation': foundation,
  '0002_projects': projects,
  '0003_contests': contests,
  '0004_assessments': assessments,
  '0005_contest_ratings': contestRatings,
  '0006_login_throttle': loginThrottle,
  '0007_upload_quota': uploadQuota,
  '0008_progress_report_posts': progressReportPosts,
  '0009_project_code_counters': projectCodeCounters,
  '0010_jobs': jobs,
  '0011_ledger': ledger,
  '0012_demands': demands,
  '0013_ledger_imports': ledgerImports,
  '0014_projects_list_order': projectsListOrder,
  '0015_visits': visits,
  '0016_visit_photos': visitPhotos,
  '0017_demand_challenges': demandChallenges,
  '0018_indicator_figures': indicatorFigures,
  '0019_workers': workers,
  '0020_passes': passes,
  '0021_stations': stations,
  '0022_indicator_area': indicatorArea,
  '0023_workers_more': workersMore,
  '0025_station_hours_spans': stationHoursSpans,
  '0026_gigs': gigs,
  '0027_disputes': disputes,
  '0028_key_canary': keyCanary,
  '0029_rate_limits': rateLimits,
  '0031_gig_push_scope': gigPushScope,
  '0032_gig_preferences_box': gigPreferencesBox,
  '0033_dashboard_indexes': dashboardIndexes,
  '0035_dashboard_summaries': dashboardSummaries,
  '0036_scan_summary': scanSummary,
  '0037_demand_monthly_stats': demandMonthlyStats,
  '0038_pass_summaries': passSummaries,
  '0039_coverage_summary': coverageSummary,
};
