import { z } from 'zod';
import type { Dict } from './dicts';

/** The states of a background job (the same on pg-boss and on SQLite's embedded runner). */
export const JOB_STATES = {
  created: { 'zh-CN': '排队中', en: 'Queued' },
  retry: { 'zh-CN': '等待重试', en: 'Waiting to retry' },
  active: { 'zh-CN': '运行中', en: 'Running' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  failed: { 'zh-CN': '已失败', en: 'Failed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
} satisfies Dict<string>;
export type JobState = keyof typeof JOB_STATES;
export const JOB_STATE_CODES = Object.keys(JOB_STATES) as [JobState, ...JobState[]];

/** The admin's job list: by state (failed by default), newest first, at most `limit`. */
export const jobListQuery = z.object({
  state: z.enum(JOB_STATE_CODES).default('failed'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type JobListQuery = z.infer<typeof jobListQuery>;

export const jobProgress = z.object({ done: z.number().int().min(0), total: z.number().int().min(0) });
export type JobProgress = z.infer<typeof jobProgress>;

export const jobView = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(JOB_STATE_CODES),
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
  singletonKey: z.string().nullable(),
  createdAt: z.string(),
  startAfter: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  progress: jobProgress.nullable(),
  /** The last failure's message (failed or retrying jobs). */
  error: z.string().nullable(),
});
export type JobView = z.infer<typeof jobView>;
export const jobList = z.object({ items: z.array(jobView) });
export type JobList = z.infer<typeof jobList>;
