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
import { ledgerImports } from './0013_ledger_imports';

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
  '0013_ledger_imports': ledgerImports,
};
