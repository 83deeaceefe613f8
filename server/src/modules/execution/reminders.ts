import type { FastifyBaseLogger } from 'fastify';
import { addDays, quarterLabel, type QuarterRef } from '@touyan/schemas';
import { shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import type { Services } from '../../services';
import { NotificationsService } from '../notifications/notifications.service';

/** The repositories the reminders declare: `startReminderJob` gives them `store.view(…)` of exactly these. */
export type ReportRemindersStore = Store<'notifications' | 'reports'>;

/** How many days before the due date the secretary is reminded. */
export const DUE_SOON_DAYS = 3;

/**
 * Reminds the secretary of each approved project of a pending report due within three days
 * (report_due) and of one past due (report_overdue); an overdue report is also announced to the
 * staff over the project. Every notice carries a dedupe key per report, so running this hourly
 * sends each one once.
 */
export class ReportReminders {
  constructor(private readonly store: ReportRemindersStore) {}

  async run(): Promise<{ due: number; overdue: number }> {
    const today = shanghaiDate();
    return this.store.tx(async (repos) => {
      const rows = await repos.reports.reminderCandidates(addDays(today, DUE_SOON_DAYS));
      const overdueRows = rows.filter((r) => r.dueDate < today);
      const staff = await repos.reports.staffOver(overdueRows.map((r) => r.orgId));
      let due = 0;
      let overdue = 0;
      for (const r of rows) {
        const q: QuarterRef = { year: r.year, quarter: r.quarter as QuarterRef['quarter'] };
        const what = `${r.title}${r.code ? `（${r.code}）` : ''} ${quarterLabel(q)}报告`;
        const link = `/projects/${r.projectId}?tab=reports`;
        if (r.dueDate >= today) {
          if (!r.secretaryUserId) continue;
          due += await NotificationsService.send(repos, [r.secretaryUserId], {
            kind: 'report_due',
            title: `季度报告即将到期：${r.title}`,
            body: `${what}应于 ${r.dueDate} 前报送。`,
            link,
            dedupeKey: `report_due:${r.id}`,
          });
        } else {
          const to = [...(r.secretaryUserId ? [r.secretaryUserId] : []), ...(staff.get(r.orgId) ?? [])];
          overdue += await NotificationsService.send(repos, to, {
            kind: 'report_overdue',
            title: `季度报告已逾期：${r.title}`,
            body: `${what}应于 ${r.dueDate} 前报送，至今未报送。`,
            link,
            dedupeKey: `report_overdue:${r.id}`,
          });
        }
      }
      return { due, overdue };
    });
  }
}

/**
 * The `report-reminders` job's handler (registered and scheduled hourly by the composition root,
 * server/src/background.ts): runs the reminders once and logs what was sent. A failure throws, so the
 * job queue retries it with backoff.
 */
export function reportRemindersJob(
  services: Pick<Services, 'store'>,
  log: Pick<FastifyBaseLogger, 'info'>,
): () => Promise<{ due: number; overdue: number }> {
  const reminders = new ReportReminders(services.store.view('notifications', 'reports'));
  return async () => {
    const sent = await reminders.run();
    if (sent.due || sent.overdue) log.info(sent, 'report reminders sent');
    return sent;
  };
}
