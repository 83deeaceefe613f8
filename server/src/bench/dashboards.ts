import os from 'node:os';
import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import { dashboardPeriod, type DashboardPeriodKind, type DashboardView } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from '../core/time';
import { analyzeDatabase } from '../db/database';
import type { DB } from '../db/types';
import type { Services } from '../services';
import { DEMO_PASSWORD } from '../seed/factories';
import { cityCounts, generateCity, type CityWorld } from './city';
import type { BenchDatabase } from './databases';
import { login } from './http';
import type { RunInfo, Skipped } from './report';
import { progress } from './scenarios';
import type { BenchTree } from './seed';

/** Issue 15: every dashboard request p95 at most this many ms … */
export const DASHBOARD_P95_TARGET_MS = 150;
/** … and at most this many times the raw SQL aggregate it needs (measured in the same run). */
export const DASHBOARD_RATIO_TARGET = 1.5;

export const DASHBOARDS_START = '<!-- bench:dashboards:start -->';
export const DASHBOARDS_END = '<!-- bench:dashboards:end -->';

/** `--scale=0.1` or BENCH_CITY_SCALE=0.1: the city at a tenth (default: the full city, scale 1). */
export function cityScale(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): number {
  const raw = argv.find((a) => a.startsWith('--scale='))?.slice('--scale='.length) ?? env.BENCH_CITY_SCALE ?? '1';
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale=${raw}: expected a number in (0, 10]`);
  return scale;
}
/** Timed runs of each request and each raw aggregate (after WARMUP untimed ones). */
const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_DASHBOARD_WARMUP ?? 2);

type Db = Kysely<DB>;

interface Area {
  label: 'city' | 'county';
  regionCode: string;
  /** The area's 社工部. */
  orgId: string;
}

interface Period {
  kind: DashboardPeriodKind;
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
}

/**
 * The raw SQL aggregate a panel needs: the figures of the area and of each county below it (and of
 * the previous period where the panel has one) in GROUP BY statements written by hand — what the
 * panel would cost if the database did nothing else. Returns figure key → value for the area, so the
 * bench can check the dashboard against it.
 */
type RawAggregate = (db: Db, area: Area, p: Period, today: string) => Promise<Map<string, number>>;

const n = (v: unknown) => Number(v ?? 0);
const rows = async <T>(db: Db, q: RawBuilder<T>) => (await q.execute(db)).rows;

/** Regions in the area's subtree, and the organisations in its 社工部's subtree. */
const regionsUnder = (a: Area) =>
  sql`(select descendant_code from region_closure where ancestor_code = ${a.regionCode})`;
const orgsUnder = (a: Area) => sql`(select descendant_id from org_closure where ancestor_id = ${a.orgId})`;

const RAW: Record<string, RawAggregate> = {
  async projects(db, a) {
    const r = await rows(
      db,
      sql<{ region_code: string; status: string; theme: string; n: unknown }>`
        select region_code, status, theme, count(*) as n from projects
        where region_code in ${regionsUnder(a)} and status <> 'draft'
        group by region_code, status, theme`,
    );
    const out = new Map<string, number>([['projects.total', 0]]);
    for (const x of r) {
      out.set('projects.total', out.get('projects.total')! + n(x.n));
      out.set(`projects.status.${x.status}`, (out.get(`projects.status.${x.status}`) ?? 0) + n(x.n));
    }
    return out;
  },
  async execution(db, a, _p, today) {
    const r = await rows(
      db,
      sql<{ region_code: string; latest_rating: string | null; overdue: unknown; n: unknown }>`
        select p.region_code, p.latest_rating,
          case when exists (select 1 from quarterly_reports q where q.project_id = p.id and q.status = 'pending'
            and q.due_date < ${today}) then 1 else 0 end as overdue, count(*) as n
        from projects p
        where p.region_code in ${regionsUnder(a)} and p.status <> 'draft'
        group by p.region_code, p.latest_rating, 3`,
    );
    const out = new Map<string, number>([['execution.overdue', 0]]);
    for (const x of r) {
      if (n(x.overdue)) out.set('execution.overdue', out.get('execution.overdue')! + n(x.n));
      if (x.latest_rating) {
        const k = `execution.rating.${x.latest_rating}`;
        out.set(k, (out.get(k) ?? 0) + n(x.n));
      }
    }
    return out;
  },
  async coverage(db, a) {
    const r = await rows(
      db,
      sql<{ region_code: string; coverage_status: string; org_coverage_kind: string; three_has: unknown; n: unknown }>`
        select region_code, coverage_status, org_coverage_kind, three_has, count(*) as n from host_orgs
        where deleted_at is null and region_code in ${regionsUnder(a)}
        group by region_code, coverage_status, org_coverage_kind, three_has`,
    );
    return new Map([['coverage.total', r.reduce((s, x) => s + n(x.n), 0)]]);
  },
  async demands(db, a, p) {
    const r = await rows(
      db,
      sql<{ managing_org_id: string; cur: unknown; resolved: unknown; factor: unknown; legacy: unknown; n: unknown }>`
        select h.managing_org_id, case when d.received_on >= ${p.from} then 1 else 0 end as cur,
          case when d.resolved_at is null then 0 else 1 end as resolved,
          case when d.category like 'factor%' then 1 else 0 end as factor,
          case when d.category = 'legacy' then 1 else 0 end as legacy, count(*) as n
        from demands d join host_orgs h on h.id = d.host_org_id
        where h.managing_org_id in ${orgsUnder(a)}
          and ((d.received_on >= ${p.from} and d.received_on <= ${p.to})
            or (d.received_on >= ${p.previousFrom} and d.received_on <= ${p.previousTo}))
        group by h.managing_org_id, 2, 3, 4, 5`,
    );
    const cur = r.filter((x) => n(x.cur) === 1);
    const sum = (xs: typeof r) => xs.reduce((s, x) => s + n(x.n), 0);
    return new Map([
      ['demands.received', sum(cur)],
      ['demands.resolved', sum(cur.filter((x) => n(x.resolved)))],
    ]);
  },
  async workers(db, a, p) {
    const r = await rows(
      db,
      sql<{ region_code: string; cur: unknown; n: unknown }>`
        select region_code, case when verified_at >= ${shanghaiDayStart(p.from)} then 1 else 0 end as cur, count(*) as n
        from workers
        where deleted_at is null and status = 'verified' and region_code in ${regionsUnder(a)}
          and ((verified_at >= ${shanghaiDayStart(p.from)} and verified_at < ${shanghaiDayEnd(p.to)})
            or (verified_at >= ${shanghaiDayStart(p.previousFrom)} and verified_at < ${shanghaiDayEnd(p.previousTo)}))
        group by region_code, 2`,
    );
    await rows(
      db,
      sql`select region_code, count(*) as n from stations where region_code in ${regionsUnder(a)}
        and opened_on >= ${p.previousFrom} and opened_on <= ${p.to} group by region_code`,
    );
    return new Map([['workers.verified', r.filter((x) => n(x.cur) === 1).reduce((s, x) => s + n(x.n), 0)]]);
  },
  async passes(db, a, p) {
    // Passes by the rider's region: valid at the end of each period, issued in each period.
    const [end, prevEnd] = [shanghaiDayEnd(p.to), shanghaiDayEnd(p.previousTo)];
    const [from, prevFrom] = [shanghaiDayStart(p.from), shanghaiDayStart(p.previousFrom)];
    const passes = await rows(
      db,
      sql<{ region_code: string; valid: unknown; valid_before: unknown; issued: unknown; issued_before: unknown }>`
        select w.region_code,
          sum(case when p.status = 'active' and p.issued_at < ${end} and p.expires_at > ${end} then 1 else 0 end) as valid,
          sum(case when p.status = 'active' and p.issued_at < ${prevEnd} and p.expires_at > ${prevEnd} then 1 else 0 end) as valid_before,
          sum(case when p.issued_at >= ${from} and p.issued_at < ${end} then 1 else 0 end) as issued,
          sum(case when p.issued_at >= ${prevFrom} and p.issued_at < ${prevEnd} then 1 else 0 end) as issued_before
        from passes p join workers w on w.id = p.worker_id
        where w.region_code in ${regionsUnder(a)}
          and ((p.status = 'active' and p.expires_at > ${prevEnd} and p.issued_at < ${end}) or p.issued_at >= ${prevFrom})
        group by w.region_code`,
    );
    // Scans at the compounds managed in the area, this period and the previous, by verdict.
    const scans = await rows(
      db,
      sql<{ managing_org_id: string; cur: unknown; verdict: string; n: unknown }>`
        select c.managing_org_id, case when s.scanned_at >= ${from} then 1 else 0 end as cur, s.verdict, count(*) as n
        from pass_scans s join compounds c on c.id = s.compound_id
        where c.managing_org_id in ${orgsUnder(a)}
          and ((s.scanned_at >= ${from} and s.scanned_at < ${end}) or (s.scanned_at >= ${prevFrom} and s.scanned_at < ${prevEnd}))
        group by c.managing_org_id, 2, s.verdict`,
    );
    const cur = scans.filter((x) => n(x.cur) === 1);
    return new Map([
      ['passes.valid', passes.reduce((s, x) => s + n(x.valid), 0)],
      ['passes.issued', passes.reduce((s, x) => s + n(x.issued), 0)],
      ['passes.scans', cur.reduce((s, x) => s + n(x.n), 0)],
      ['passes.scans_valid', cur.filter((x) => x.verdict === 'valid').reduce((s, x) => s + n(x.n), 0)],
    ]);
  },
};

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

export interface DashboardRow {
  area: 'city' | 'county';
  period: DashboardPeriodKind;
  /** null: the whole overview. */
  panel: string | null;
  request: Timing;
  /** The raw aggregate(s) the request needs; null when no raw aggregate is written for the panel. */
  raw: Timing | null;
  /** Figures the raw aggregate computed that differ from the dashboard's. */
  mismatches: string[];
  /** One more request, traced: its statements and the sum of their times (PostgreSQL: each one's wait). */
  sql: { statements: number; ms: number };
}

export interface DashboardsReport {
  label: string;
  scale: number;
  counts: CityWorld['counts'];
  seconds: CityWorld['seconds'];
  /** Rows and bytes of the largest tables (PostgreSQL: relation sizes with indexes; SQLite: dbstat). */
  sizes: { table: string; rows: number; bytes: number | null }[];
  rows: DashboardRow[];
  plans: { label: string; plan: string }[];
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

export const rowPass = (r: DashboardRow) =>
  r.request.p95 <= DASHBOARD_P95_TARGET_MS &&
  (r.raw === null || r.request.p95 <= DASHBOARD_RATIO_TARGET * r.raw.p95) &&
  r.mismatches.length === 0;
export const dashboardsPass = (r: DashboardsReport) => r.rows.every(rowPass);

const TABLES = [
  'pass_scans',
  'workers',
  'demands',
  'demand_departments',
  'host_orgs',
  'passes',
  'projects',
  // The summaries the demand, worker, scan, pass and coverage figures read (migrations 0035–0039).
  'demand_daily_stats',
  'demand_monthly_stats',
  'worker_daily_stats',
  'scan_daily_stats',
  'pass_daily_stats',
  'pass_monthly_stats',
  'host_org_coverage_stats',
];

async function tableSizes(bench: BenchDatabase, db: Db): Promise<DashboardsReport['sizes']> {
  const out: DashboardsReport['sizes'] = [];
  for (const table of TABLES) {
    const c = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    let bytes: number | null = null;
    try {
      if (bench.kind === 'postgres') {
        const r = await sql<{ b: unknown }>`select pg_total_relation_size(${table}::regclass) as b`.execute(db);
        bytes = n(r.rows[0]?.b);
      } else {
        // dbstat (SQLITE_ENABLE_DBSTAT_VTAB): the table's pages and its indexes'.
        const r = await sql<{ b: unknown }>`select sum(pgsize) as b from dbstat where name = ${table}
          or name in (select name from sqlite_master where type = 'index' and tbl_name = ${table})`.execute(db);
        bytes = n(r.rows[0]?.b);
      }
    } catch {
      bytes = null;
    }
    out.push({ table, rows: n(c.rows[0]?.n), bytes });
  }
  return out;
}

async function explain(bench: BenchDatabase, db: Db, query: RawBuilder<unknown>): Promise<string> {
  const compiled = query.compile(db);
  const prefix = bench.kind === 'postgres' ? 'explain (analyze, timing off, summary on) ' : 'explain query plan ';
  const r = await db.executeQuery(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
  return (r.rows as Record<string, unknown>[])
    .map((row) => (bench.kind === 'postgres' ? String(row['QUERY PLAN']) : `${row.id}|${row.parent}| ${row.detail}`))
    .join('\n');
}

/**
 * The dashboards at city scale (issue 15): the synthetic city (server/src/bench/city.ts) at `scale`,
 * then, as the city's staff over HTTP, the overview of the city and of one county for a month and for
 * a year, and each panel the overview returns on its own (`?panel=`) — so panels added later are
 * timed once they exist; beside each, the raw SQL aggregates the request needs, timed in the same run
 * and checked to give the dashboard's figures.
 */
export async function benchDashboards(opts: {
  bench: BenchDatabase;
  services: Services;
  admin: RequestContext;
  tree: BenchTree;
  base: string;
  lanes: number;
  scale: number;
}): Promise<DashboardsReport> {
  const { bench, services, admin, base } = opts;
  const log = (msg: string) => progress(`${bench.label}: dashboards: ${msg}`);
  const db = services.db as unknown as Db;
  log(`generating the city at scale ${opts.scale}: ${JSON.stringify(cityCounts(opts.scale))}`);
  const city = await generateCity(services, admin, {
    scale: opts.scale,
    lanes: opts.lanes,
    tree: opts.tree,
    log: (m) => log(m),
  });
  log(`generated in ${city.seconds.total.toFixed(0)} s`);
  await analyzeDatabase(bench.database);
  const cookie = await login(base, { login: 'city_staff', password: DEMO_PASSWORD });
  const today = shanghaiDate();

  const sw = async (regionCode: string) =>
    (
      await db
        .selectFrom('partyOrgs')
        .select('id')
        .where('type', '=', 'sw_dept')
        .where('regionCode', '=', regionCode)
        .executeTakeFirstOrThrow()
    ).id;
  const cityRegion = (
    await db.selectFrom('partyOrgs').select('regionCode').where('id', '=', opts.tree.cityId).executeTakeFirstOrThrow()
  ).regionCode;
  const county = opts.tree.counties[1]!;
  const areas: Area[] = [
    { label: 'city', regionCode: cityRegion, orgId: opts.tree.cityId },
    { label: 'county', regionCode: county.regionCode, orgId: await sw(county.regionCode) },
  ];

  const fetchView = async (area: Area, kind: DashboardPeriodKind, panel: string | null) => {
    const q = new URLSearchParams({ period: kind });
    if (area.label === 'county') q.set('region', area.regionCode);
    if (panel) q.set('panel', panel);
    // At city scale a raw aggregate can outlast the server's keep-alive timeout between two requests:
    // a request sent on the connection the server is closing is reset, and sent again once.
    const get = () => fetch(`${base}/api/dashboards/overview?${q}`, { headers: { cookie } });
    const res = await get().catch((e: unknown) => {
      if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
      return get();
    });
    if (res.status !== 200) throw new Error(`overview ${q}: ${res.status} ${await res.text()}`);
    return (await res.json()) as DashboardView;
  };

  /** The statements of one request; BENCH_DASHBOARD_TRACE=1 logs the slowest three. */
  const traced = async (area: Area, kind: DashboardPeriodKind, panel: string | null) => {
    const t = await bench.sql.clock.trace(() => fetchView(area, kind, panel));
    if (process.env.BENCH_DASHBOARD_TRACE)
      for (const x of t.slowest)
        log(
          `  ${area.label} ${kind} ${panel ?? 'overview'}: ${x.ms.toFixed(1)} ms ${x.sql.replace(/\s+/g, ' ').slice(0, process.env.BENCH_DASHBOARD_TRACE === 'full' ? undefined : 300)}`,
        );
    return { statements: t.statements, ms: t.ms };
  };

  const out: DashboardRow[] = [];
  for (const area of areas) {
    for (const kind of ['month', 'year'] as const) {
      const p: Period = { kind, ...dashboardPeriod(kind, today) };
      const view = await fetchView(area, kind, null);
      const panels = view.panels.map((x) => x.key);
      const figures = new Map(view.panels.flatMap((x) => x.figures).map((f) => [f.key, f.value]));
      const mismatchesOf = async (keys: readonly string[]) => {
        const bad: string[] = [];
        for (const k of keys) {
          const raw = RAW[k];
          if (!raw) continue;
          for (const [fk, v] of await raw(db, area, p, today)) {
            if (figures.has(fk) && figures.get(fk) !== v) bad.push(`${fk}: dashboard ${figures.get(fk)}, raw ${v}`);
          }
        }
        return bad;
      };
      const rawOf = (keys: readonly string[]) => {
        const defined = keys.filter((k) => RAW[k]);
        if (defined.length === 0) return null;
        return () => Promise.all(defined.map((k) => RAW[k]!(db, area, p, today)));
      };
      // The whole overview: its raw aggregates are every panel's, one after the other.
      const wholeRaw = rawOf(panels);
      const whole: DashboardRow = {
        area: area.label,
        period: kind,
        panel: null,
        request: await timed(() => fetchView(area, kind, null)),
        raw: wholeRaw ? await timed(wholeRaw) : null,
        mismatches: await mismatchesOf(panels),
        sql: await traced(area, kind, null),
      };
      out.push(whole);
      log(
        `${area.label} ${kind}: overview p95 ${whole.request.p95.toFixed(1)} ms, raw ${whole.raw?.p95.toFixed(1) ?? '—'} ms` +
          (whole.mismatches.length ? `; MISMATCH ${whole.mismatches.join('; ')}` : ''),
      );
      if (kind !== 'year') continue;
      for (const panel of panels) {
        const raw = rawOf([panel]);
        const row: DashboardRow = {
          area: area.label,
          period: kind,
          panel,
          request: await timed(() => fetchView(area, kind, panel)),
          raw: raw ? await timed(raw) : null,
          mismatches: [],
          sql: await traced(area, kind, panel),
        };
        out.push(row);
        log(
          `${area.label} ${kind} ${panel}: p95 ${row.request.p95.toFixed(1)} ms, raw ${row.raw?.p95.toFixed(1) ?? '—'} ms`,
        );
      }
    }
  }

  // The plans of the heaviest statements: the demands and workers figures' own counts for the city.
  const plans: DashboardsReport['plans'] = [];
  const y = dashboardPeriod('year', today);
  const cityArea = areas[0]!;
  plans.push({
    label: 'demands.received for the city, a year (the list count)',
    plan: await explain(
      bench,
      db,
      sql`select count(*) from demands d join host_orgs h on h.id = d.host_org_id
        where h.managing_org_id in ${orgsUnder(cityArea)} and d.received_on >= ${y.from} and d.received_on <= ${y.to}`,
    ),
  });
  plans.push({
    label: 'workers.verified for the city, a year (the list count)',
    plan: await explain(
      bench,
      db,
      sql`select count(*) from workers where deleted_at is null and status = 'verified' and region_code in ${regionsUnder(cityArea)}
        and verified_at >= ${shanghaiDayStart(y.from)} and verified_at < ${shanghaiDayEnd(y.to)}`,
    ),
  });
  plans.push({
    label: 'coverage for the city (one GROUP BY)',
    plan: await explain(
      bench,
      db,
      sql`select region_code, coverage_status, count(*) from host_orgs
        where deleted_at is null and region_code in ${regionsUnder(cityArea)} group by region_code, coverage_status`,
    ),
  });
  return {
    label: bench.label,
    scale: opts.scale,
    counts: city.counts,
    seconds: city.seconds,
    sizes: await tableSizes(bench, db),
    rows: out,
    plans,
  };
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (b: number | null) => (b === null ? '—' : `${(b / 1_048_576).toFixed(1)} MB`);

/** The markdown for stdout and for the generated part of PERFORMANCE.md's issue-15 section. */
export function renderDashboardsSection(info: RunInfo, reports: DashboardsReport[], skipped: Skipped[]): string {
  const lines = [
    DASHBOARDS_START,
    `Last generated ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench -- --only=dashboards\` ` +
      `(${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; ` +
      `${RUNS} timed runs after ${WARMUP} warm-up, one request at a time).`,
  ];
  for (const r of reports) {
    const c = r.counts;
    lines.push(
      '',
      `**${r.label}, scale ${r.scale}**: ${int(c.hostOrgs)} host organisations, ${int(c.workers)} workers, ${int(c.passes)} passes, ` +
        `${int(c.scans)} pass scans, ${int(c.demands)} demands, ${int(c.projects)} projects; generated in ${r.seconds.total.toFixed(0)} s ` +
        `(${Object.entries(r.seconds)
          .filter(([k]) => k !== 'total')
          .map(([k, s]) => `${k} ${s.toFixed(0)}`)
          .join(', ')}).`,
      '',
      `| area | period | request | p50 / p95 / max ms (≤ ${DASHBOARD_P95_TARGET_MS}) | statements / their ms | raw SQL p95 ms | ratio (≤ ${DASHBOARD_RATIO_TARGET}) | figures = raw | |`,
      '|---|---|---|---:|---:|---:|---:|---|---|',
    );
    for (const row of r.rows) {
      const ratio = row.raw ? row.request.p95 / row.raw.p95 : null;
      lines.push(
        `| ${row.area} | ${row.period} | ${row.panel ? `panel ${row.panel}` : '**overview**'} | ` +
          `${row.request.p50.toFixed(1)} / ${row.request.p95.toFixed(1)} / ${row.request.max.toFixed(1)} | ` +
          `${row.sql.statements} / ${row.sql.ms.toFixed(1)} | ` +
          `${row.raw ? row.raw.p95.toFixed(1) : '— (none written)'} | ${ratio === null ? '—' : ratio.toFixed(2)} | ` +
          `${row.mismatches.length ? `**${row.mismatches.join('; ')}**` : 'yes'} | ${rowPass(row) ? 'PASS' : '**FAIL**'} |`,
      );
    }
    lines.push('', '| table | rows | size (with indexes) |', '|---|---:|---:|');
    for (const s of r.sizes) lines.push(`| ${s.table} | ${int(s.rows)} | ${mb(s.bytes)} |`);
    for (const p of r.plans) lines.push('', `${r.label} — ${p.label}:`, '', '```', p.plan, '```');
  }
  for (const s of skipped) lines.push('', `${s.label} skipped: ${s.reason}.`);
  lines.push('', DASHBOARDS_END);
  return lines.join('\n');
}
