import type { FastifyBaseLogger } from 'fastify';
import { randomToken } from '../core/crypto';
import type { Services } from '../services';
import { runWithClock, SimulatedClock } from '../core/clock';
import { seedDemo } from './demo';
import { seedFushunReports, seedProjectDemo } from './demo-projects';
import { seedContestDemo } from './demo-contests';
import { seedCurrentYear } from './demo-current';
import { seedVisitDemo } from './demo-visits';
import { seedDemandDemo } from './demo-demands';
import { seedDemandChallengeDemo } from './demo-demand-board';
import { seedWorkerDemo } from './demo-workers';
import { seedStationDemo } from './demo-stations';
import { seedPassDemo } from './demo-passes';
import { seedHuishanProject } from './demo-huishan';
import { seedGigDemo } from './demo-gigs';
import { seedDisputeDemo } from './demo-disputes';
import { bootstrapAdmin, contextFor, DEMO_PASSWORD } from './factories';
import { loadRegions } from './reference';

/**
 * First start: reference regions, the administrator, and (unless SEED_DEMO=false) the demo
 * localities. Later starts find the data and do nothing.
 */
export async function ensureSeeded(
  services: Services,
  log: FastifyBaseLogger,
  opts: { demo: boolean } = { demo: true },
) {
  const regions = await loadRegions(services.store);
  if (regions) log.info({ regions }, 'loaded GB/T 2260 regions');
  const fresh = !(await services.store.repos.users.byLogin('admin', '-'));
  const password = opts.demo ? DEMO_PASSWORD : (process.env.ADMIN_INITIAL_PASSWORD ?? `Ty${randomToken(9)}1`);
  const admin = await bootstrapAdmin(services, { username: 'admin', displayName: '系统管理员', password });
  if (fresh && !opts.demo) log.warn(`created administrator "admin" with initial password: ${password}`);
  if (!opts.demo) return;
  if ((await services.store.repos.partyOrgs.roots()).length > 0) return;
  const started = Date.now();
  // Each step's time goes into the log line below (the demo's load time is budgeted: demo-seed.test.ts).
  const steps: Record<string, number> = {};
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await run();
    } finally {
      steps[name] = Date.now() - t0;
    }
  };
  // The demo ledgers were set up in January 2025; the 2025 project year is then replayed month by month.
  const localities = await step('ledgers', () =>
    runWithClock(new SimulatedClock('2025-01-06T01:30:00Z').now, () => seedDemo(services, contextFor(admin))),
  );
  await step('projects', () => seedProjectDemo(services, localities));
  await step('contests', () => seedContestDemo(services, localities));
  await step('visits', () => seedVisitDemo(services, localities));
  await step('demands', () => seedDemandDemo(services, localities));
  await step('demandBoard', () => seedDemandChallengeDemo(services, localities));
  await step('fushunReports', () => seedFushunReports(services, localities));
  await step('workers', () => seedWorkerDemo(services, localities));
  await step('passes', () => seedPassDemo(services, localities));
  // 惠新驿家 (issue 12): after the workers demo, whose verified workers check in.
  await step('stations', () => seedStationDemo(services, localities));
  // 调裁诉援 (issue 14): 惠山's one-stop centre, its consultations and cases at every stage.
  await step('disputes', () => seedDisputeDemo(services, localities));
  // 惠山's secretary project, whose indicators count the worker, pass and station records above.
  await step('huishanProject', () => seedHuishanProject(services, localities));
  // 零工快招 (issue 13): 富顺's job seekers, jobs, fairs, pushes and intentions.
  await step('gigs', () => seedGigDemo(services, localities));
  // Then, at the real time: this year's campaign, open for declarations on the day of loading.
  await step('currentYear', () =>
    seedCurrentYear(
      services,
      localities.find((l) => l.key === 'dd')!,
    ),
  );
  log.info(
    { localities: localities.map((l) => `${l.key}:${l.hostOrgIds.length}`), ms: Date.now() - started, steps },
    'loaded demo data',
  );
}
