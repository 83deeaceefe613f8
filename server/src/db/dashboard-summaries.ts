import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import type { Executor } from './closure';
import { dialectOf, type Dialect } from './portability';

/**
 * The daily summaries behind the dashboard's heaviest figures (issue 15, migrations 0035 and 0036): the one
 * statement per summary that groups base rows by the summary's key — used by the rebuild (the
 * migration's fill, `npm run rebuild-summaries`, the city generator after its bulk inserts) and by
 * the owning repositories for each write's delta (demands.repository.ts, workers.repository.ts), so
 * all of them count alike. Raw SQL in snake_case: it also runs in migrations, without the
 * camel-case plugin. A later change of a summary's definition comes with a migration that rebuilds it.
 */

/** What a demand without a sign-off date is keyed by: a date never before "today" (never sign-due by date). */
const NO_SIGN_DUE = sql.lit('9999-12-31');

/** The demand summaries' counters over the demands `d` of a group: the list's `measure` conditions per row. */
const DEMAND_COUNTERS = sql`count(*) as n,
      sum(case when d.resolved_at is not null then 1 else 0 end) as resolved,
      sum(case when d.accepted_on is not null then 1 else 0 end) as accepted,
      sum(case when d.accepted_on is not null and d.accepted_on <= d.sign_due_on then 1 else 0 end) as signed_on_time,
      sum(case when d.rated_at is not null then 1 else 0 end) as rated,
      sum(case when d.rated_at is not null and d.rating in ('satisfied', 'basic') then 1 else 0 end) as satisfied`;

/**
 * The summary rows of the demands `where` keeps, grouped by the summary's key — the one statement
 * behind the rebuild, the migration's fill and each write's delta, so all three count alike. The
 * counters are the list's `measure` conditions (`measureCondition`) per row; `sign_due` depends on
 * the day it is read, so it is kept as `accepted` plus the unsigned rows by their sign-off date.
 * Raw SQL in snake_case: it also runs in the migration, without the camel-case plugin.
 */
export function demandSummarySelect(where: RawBuilder<unknown>) {
  return sql`select h.managing_org_id as managing_org_id, d.received_on as received_on, d.category as category,
      coalesce(d.sign_due_on, ${NO_SIGN_DUE}) as sign_due_on,
      ${DEMAND_COUNTERS}
    from demands d join host_orgs h on h.id = d.host_org_id
    where ${where}
    group by h.managing_org_id, d.received_on, d.category, coalesce(d.sign_due_on, ${NO_SIGN_DUE})`;
}

/**
 * Fills `demand_daily_stats` from the demands, from scratch (migration 0035; with the monthly
 * roll-up, `rebuildDemandSummaries`). Runs on any executor, with or without the camel-case plugin.
 */
export async function rebuildDemandSummary(db: QueryExecutorProvider): Promise<void> {
  await sql`delete from demand_daily_stats`.execute(db);
  await sql`insert into demand_daily_stats
      (managing_org_id, received_on, category, sign_due_on, n, resolved, accepted, signed_on_time, rated, satisfied)
    ${demandSummarySelect(sql`1 = 1`)}`.execute(db);
}

/** The first day of the month of the date in `column` (a date, as `received_on`). */
export function monthStartOf(dialect: Dialect, column: string) {
  return dialect === 'postgres'
    ? sql`date_trunc('month', ${sql.ref(column)})::date`
    : sql`date(${sql.ref(column)}, 'start of month')`;
}

/**
 * The monthly roll-up of `demand_daily_stats` (migration 0037): the same counters per managing
 * organisation, month received (its first day) and category. A figure over whole months sums these
 * rows, a period's partial months the daily ones: the daily rows fold a demand count only ~1.8× at
 * city scale (organisation × day × category is nearly as fine as the demands), the months ~days
 * more. The sign-off date is what makes `sign_due` depend on the day it is read, and only for
 * demands not signed for (a signed one counts as `accepted` whatever its date): a signed demand is
 * keyed without it (`NO_SIGN_DUE`), so the signed demands of a month fold into one row. Raw SQL in
 * snake_case: it also runs in the migration, without the camel-case plugin.
 */
export function demandMonthlySummarySelect(dialect: Dialect, where: RawBuilder<unknown>) {
  const month = monthStartOf(dialect, 'd.received_on');
  const signDue = sql`case when d.accepted_on is not null then ${NO_SIGN_DUE} else coalesce(d.sign_due_on, ${NO_SIGN_DUE}) end`;
  return sql`select h.managing_org_id as managing_org_id, ${month} as received_on, d.category as category,
      ${signDue} as sign_due_on,
      ${DEMAND_COUNTERS}
    from demands d join host_orgs h on h.id = d.host_org_id
    where ${where}
    group by h.managing_org_id, ${month}, d.category, ${signDue}`;
}

/** Fills `demand_monthly_stats` from the demands, from scratch (the migration and `rebuildDemandSummaries`). */
export async function rebuildDemandMonthlySummary(
  db: QueryExecutorProvider,
  dialect: Dialect = dialectOf(db),
): Promise<void> {
  await sql`delete from demand_monthly_stats`.execute(db);
  await sql`insert into demand_monthly_stats
      (managing_org_id, received_month, category, sign_due_on, n, resolved, accepted, signed_on_time, rated, satisfied)
    ${demandMonthlySummarySelect(dialect, sql`1 = 1`)}`.execute(db);
}

/**
 * Both demand summaries from scratch, daily and monthly (`npm run rebuild-summaries`, the city
 * generator after its bulk inserts, the repository's rebuild).
 */
export async function rebuildDemandSummaries(
  db: QueryExecutorProvider,
  dialect: Dialect = dialectOf(db),
): Promise<void> {
  await rebuildDemandSummary(db);
  await rebuildDemandMonthlySummary(db, dialect);
}

/**
 * The summary rows of the workers `where` keeps: verified, not deleted, per region and day of
 * verification — the list's `status=verified` over `verifiedFrom`/`verifiedTo`, by day. One
 * statement for the rebuild, the migration's fill and each write's delta. Raw SQL in snake_case (it
 * also runs in the migration, without the camel-case plugin).
 */
export function workerSummarySelect(dialect: Dialect, where: RawBuilder<unknown>) {
  const day = shanghaiDateOf(dialect, 'w.verified_at');
  return sql`select w.region_code as region_code, ${day} as verified_on, count(*) as n
    from workers w
    where w.status = 'verified' and w.deleted_at is null and w.verified_at is not null and ${where}
    group by w.region_code, ${day}`;
}

/**
 * Fills `worker_daily_stats` from the workers, from scratch (the migration, `npm run
 * rebuild-summaries`, the city generator after its bulk inserts).
 */
export async function rebuildWorkerSummary(db: QueryExecutorProvider, dialect: Dialect = dialectOf(db)): Promise<void> {
  await sql`delete from worker_daily_stats`.execute(db);
  await sql`insert into worker_daily_stats (region_code, verified_on, n) ${workerSummarySelect(dialect, sql`1 = 1`)}`.execute(
    db,
  );
}

/** The Asia/Shanghai calendar date of the instant in `column` (UTC+8 all year: no daylight saving). */
export function shanghaiDateOf(dialect: Dialect, column: string) {
  return dialect === 'postgres'
    ? sql`(${sql.ref(column)} at time zone 'Asia/Shanghai')::date`
    : sql`date(${sql.ref(column)}, '+8 hours')`;
}

/**
 * The summary rows of the scans `where` keeps (alias `s`): per managing organisation of the scanned
 * compound, Beijing date of the scan and verdict, the scans — what the 核验记录 list counts with
 * `orgId`, `from`/`to` and `verdict`, by day. A compound's managing organisation never changes
 * (the compound update leaves it alone) and scans are append-only, so a scan's key is fixed when it
 * is written. The rows come in key order, so concurrent upserts lock summary rows in one order.
 * Raw SQL in snake_case (it also runs in the migration, without the camel-case plugin).
 */
export function scanSummarySelect(dialect: Dialect, where: RawBuilder<unknown>) {
  const day = shanghaiDateOf(dialect, 's.scanned_at');
  return sql`select c.managing_org_id as managing_org_id, ${day} as scanned_on, s.verdict as verdict, count(*) as n
    from pass_scans s join compounds c on c.id = s.compound_id
    where ${where}
    group by c.managing_org_id, ${day}, s.verdict
    order by c.managing_org_id, ${day}, s.verdict`;
}

/**
 * Adds the scans `where` keeps to `scan_daily_stats` (one statement, `n = n + excluded.n`): the scan
 * log's insert calls it in the same transaction with the rows it has just inserted.
 */
export async function addScansToSummary(db: QueryExecutorProvider, where: RawBuilder<unknown>): Promise<void> {
  await sql`insert into scan_daily_stats (managing_org_id, scanned_on, verdict, n)
    ${scanSummarySelect(dialectOf(db), where)}
    on conflict (managing_org_id, scanned_on, verdict) do update set n = scan_daily_stats.n + excluded.n`.execute(db);
}

/**
 * Fills `scan_daily_stats` from the scans, from scratch (the migration, `npm run rebuild-summaries`,
 * the city generator after its bulk inserts).
 */
export async function rebuildScanSummary(db: QueryExecutorProvider, dialect: Dialect = dialectOf(db)): Promise<void> {
  await sql`delete from scan_daily_stats`.execute(db);
  await sql`insert into scan_daily_stats (managing_org_id, scanned_on, verdict, n) ${scanSummarySelect(dialect, sql`1 = 1`)}`.execute(
    db,
  );
}

/**
 * A summary table for `applySummaryDelta`: its name, its key and its counters, each as the row's
 * field (camelCase, as rows are read through the app's plugin) and the column (snake_case).
 */
export interface SummarySpec {
  table: string;
  key: readonly (readonly [field: string, column: string])[];
  counters: readonly (readonly [field: string, column: string])[];
}

/** A summary row as read: its key fields and counters by field name. */
export type SummaryRow = Record<string, string | number>;

/**
 * Adds `after` and subtracts `before` (a write's contributions to the summary, read before and after
 * it, keyed alike) in the caller's transaction: one `c = c + δ` upsert per key whose counters
 * change, so concurrent writes to one key add up; a row whose counters all fall to zero is removed.
 */
export async function applySummaryDelta(
  db: QueryExecutorProvider,
  spec: SummarySpec,
  before: readonly SummaryRow[],
  after: readonly SummaryRow[],
): Promise<void> {
  const delta = new Map<string, SummaryRow>();
  const add = (r: SummaryRow, sign: 1 | -1) => {
    const k = spec.key.map(([f]) => String(r[f])).join('|');
    const d: SummaryRow = delta.get(k) ?? {
      ...Object.fromEntries(spec.key.map(([f]) => [f, String(r[f])])),
      ...Object.fromEntries(spec.counters.map(([f]) => [f, 0])),
    };
    for (const [f] of spec.counters) d[f] = Number(d[f]) + sign * Number(r[f]);
    delta.set(k, d);
  };
  for (const r of before) add(r, -1);
  for (const r of after) add(r, 1);
  const table = sql.table(spec.table);
  const keyColumns = sql.join(spec.key.map(([, c]) => sql.ref(c)));
  const columns = [...spec.key, ...spec.counters];
  for (const d of delta.values()) {
    if (spec.counters.every(([f]) => d[f] === 0)) continue;
    await sql`insert into ${table} (${sql.join(columns.map(([, c]) => sql.ref(c)))})
      values (${sql.join(columns.map(([f]) => d[f]))})
      on conflict (${keyColumns}) do update set ${sql.join(
        spec.counters.map(([, c]) => sql`${sql.ref(c)} = ${table}.${sql.ref(c)} + excluded.${sql.ref(c)}`),
      )}`.execute(db);
    if (spec.counters.some(([f]) => Number(d[f]) < 0))
      await sql`delete from ${table} where ${sql.join(
        [
          ...spec.key.map(([f, c]) => sql`${sql.ref(c)} = ${d[f]}`),
          ...spec.counters.map(([, c]) => sql`${sql.ref(c)} = 0`),
        ],
        sql` and `,
      )}`.execute(db);
  }
}

/** The grains of a summary kept by day with a monthly roll-up. */
export type SummaryGrain = 'day' | 'month';

/**
 * The rows of `pass_daily_stats` the passes `where` keeps (alias `p`), per region of the pass's worker
 * and Asia/Shanghai date (`pass_monthly_stats` holds the same per month, summed from these):
 *  - `issued`: passes issued that day, whatever their status — the pass list's `issuedFrom`/`issuedTo`;
 *  - `issued_active`: of those, the ones active (not revoked);
 *  - `expiring_active`: active passes whose last valid day it is (the day of the instant just before
 *    `expires_at`: a pass expiring at midnight was valid to the end of the day before).
 * So the list's `validOn` D (active, issued before the end of D, expiring after it) is the sum of
 * `issued_active − expiring_active` over the days up to D: a pass issued by D and not yet expired
 * at D's end adds one; one already expired adds its issue and takes it back at its last day.
 * A pass's key changes when it is revoked, its expiry moves (renewal) or its worker's region
 * changes; the passes repository moves it by the difference (`applySummaryDelta`). Raw SQL in
 * snake_case (it also runs in the migration, without the camel-case plugin).
 */
export function passSummarySelect(dialect: Dialect, where: RawBuilder<unknown>) {
  const issuedOn = shanghaiDateOf(dialect, 'p.issued_at');
  const lastValidDay =
    dialect === 'postgres'
      ? sql`((p.expires_at - interval '1 microsecond') at time zone 'Asia/Shanghai')::date`
      : sql`date(p.expires_at, '+8 hours', '-0.001 seconds')`;
  return sql`select x.region_code as region_code, x.day as day,
      sum(x.issued) as issued, sum(x.issued_active) as issued_active, sum(x.expiring_active) as expiring_active
    from (
      select w.region_code as region_code, ${issuedOn} as day, 1 as issued,
        case when p.status = 'active' then 1 else 0 end as issued_active, 0 as expiring_active
      from passes p join workers w on w.id = p.worker_id
      where ${where}
      union all
      select w.region_code, ${lastValidDay}, 0, 0, 1
      from passes p join workers w on w.id = p.worker_id
      where p.status = 'active' and ${where}
    ) x
    group by x.region_code, x.day`;
}

/** Fills `pass_daily_stats` from the passes and `pass_monthly_stats` from it, from scratch. */
export async function rebuildPassSummaries(db: QueryExecutorProvider, dialect: Dialect = dialectOf(db)): Promise<void> {
  await sql`delete from pass_daily_stats`.execute(db);
  await sql`delete from pass_monthly_stats`.execute(db);
  await sql`insert into pass_daily_stats (region_code, on_day, issued, issued_active, expiring_active)
    ${passSummarySelect(dialect, sql`1 = 1`)}`.execute(db);
  const month = monthStartOf(dialect, 'on_day');
  await sql`insert into pass_monthly_stats (region_code, in_month, issued, issued_active, expiring_active)
    select region_code, ${month}, sum(issued), sum(issued_active), sum(expiring_active)
    from pass_daily_stats group by region_code, ${month}`.execute(db);
}

/**
 * The summary rows of the host organisations `where` keeps (alias `h`; deleted ones never): per
 * region, managing organisation and parent of the firm's own Party organisation ('' when it has
 * none), the coverage report's counters (`host_org_coverage_stats`, migration 0039). A firm is in a
 * subtree scope S when its managing organisation or its Party organisation is; the Party organisation
 * is in S exactly when it is one of S's roots or its parent is in S — so the parent, shared by the
 * firms under one committee or branch, is the key, and a scope rooted at a firm's own Party
 * organisation is counted from the firms themselves (`HostOrgsRepository.coverage`). Raw SQL in
 * snake_case (it also runs in the migration, without the camel-case plugin).
 */
export function coverageSummarySelect(where: RawBuilder<unknown>) {
  const parent = sql`coalesce(po.parent_id, '')`;
  const countIf = (condition: RawBuilder<unknown>) => sql`sum(case when ${condition} then 1 else 0 end)`;
  return sql`select h.region_code as region_code, h.managing_org_id as managing_org_id, ${parent} as party_parent_id,
      count(*) as total,
      ${countIf(sql`h.org_coverage_kind = 'own'`)} as org_covered_own,
      ${countIf(sql`h.org_coverage_kind = 'joint'`)} as org_covered_joint,
      ${countIf(sql`h.coverage_status = 'work_covered'`)} as work_covered_only,
      ${countIf(sql`h.coverage_status = 'uncovered'`)} as uncovered,
      ${countIf(sql`h.three_has = 1`)} as three_has_total,
      ${countIf(sql`h.three_has = 1 and h.org_coverage_kind = 'none'`)} as three_has_uncovered
    from host_orgs h left join party_orgs po on po.id = h.party_org_id
    where h.deleted_at is null and ${where}
    group by h.region_code, h.managing_org_id, ${parent}`;
}

/** Fills `host_org_coverage_stats` from the host organisations, from scratch. */
export async function rebuildCoverageSummary(db: QueryExecutorProvider): Promise<void> {
  await sql`delete from host_org_coverage_stats`.execute(db);
  await sql`insert into host_org_coverage_stats (region_code, managing_org_id, party_parent_id, total, org_covered_own,
      org_covered_joint, work_covered_only, uncovered, three_has_total, three_has_uncovered)
    ${coverageSummarySelect(sql`1 = 1`)}`.execute(db);
}

/**
 * Runs `write` and moves a summary by the difference of what the written rows contribute before and
 * after it (`read`, then `apply(before, after)`), all in the caller's transaction or one of its own:
 * the one shape of every summary kept with its base rows (demands, passes, coverage).
 */
export async function withSummaryDelta<S, T>(
  db: Executor,
  read: (db: Executor) => Promise<S>,
  apply: (db: Executor, before: S, after: S) => Promise<void>,
  write: (db: Executor) => Promise<T>,
): Promise<T> {
  const run = async (trx: Executor) => {
    const before = await read(trx);
    const out = await write(trx);
    await apply(trx, before, await read(trx));
    return out;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
