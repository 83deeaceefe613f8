import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import {
  addDays,
  DEFAULT_THEMES,
  DEMAND_CATEGORY_CODES,
  HOST_ORG_TYPE_CATEGORY,
  hostOrgCreateBody,
  idNumberCheckChar,
  maskIdNumber,
  TARGET_GROUP_CODES,
  type DeclarationContent,
  type DemandCategory,
} from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { newId } from '../core/ids';
import { shanghaiDate } from '../core/time';
import { makeWorkCalendar } from '../core/workdays';
import type {
  DB,
  DemandDepartmentsTable,
  DemandsTable,
  HostOrgsTable,
  PassScansTable,
  PassesTable,
  WorkersTable,
} from '../db/types';
import { deriveLedger } from '../modules/host-orgs/host-orgs.ledger';
import {
  rebuildCoverageSummary,
  rebuildDemandSummaries,
  rebuildPassSummaries,
  rebuildScanSummary,
  rebuildWorkerSummary,
} from '../db/dashboard-summaries';
import { dialectOf, type Dialect } from '../db/portability';
import type { Services } from '../services';
import { createDemandRoute, createDepartment } from '../seed/demand-factories';
import {
  actorOf,
  contextFor,
  createCampaign,
  createUser,
  declarationInput,
  hostOrgInput,
  validated,
} from '../seed/factories';
import { Rng } from '../seed/random';
import { fileAndRate, timeline, type ReportCounts } from './project-reports';
import { createAll, decideAll, type Fate, type Planned } from './projects-create';
import { seedWorld, type BenchTree } from './seed';

/** What the city holds at scale 1 (issue 15): the article's city, roughly. */
export const CITY_AT_SCALE_1 = {
  hostOrgs: 200_000,
  workers: 1_000_000,
  demands: 500_000,
  projects: 5_000,
  scans: 10_000_000,
} as const;

export type CityCounts = { -readonly [K in keyof typeof CITY_AT_SCALE_1]: number } & { passes: number };

/** The counts at a scale factor (each at least one, projects at least six: one per county). */
export function cityCounts(scale: number): CityCounts {
  const n = (k: keyof typeof CITY_AT_SCALE_1, min = 1) => Math.max(min, Math.round(CITY_AT_SCALE_1[k] * scale));
  const workers = n('workers', 10);
  return {
    hostOrgs: n('hostOrgs', 6),
    workers,
    demands: n('demands'),
    projects: n('projects', 6),
    scans: n('scans'),
    // One verified worker in ten holds a pass.
    passes: Math.max(1, Math.floor(workers / 10)),
  };
}

export interface CityWorld {
  scale: number;
  counts: CityCounts;
  tree: BenchTree;
  /** Per county (tree order): rows generated there, for the figures to be checked against. */
  byCounty: {
    hostOrgs: number;
    workersVerified: number;
    demands: number;
    demandsResolved: number;
  }[];
  /** Seconds per part. */
  seconds: Record<'tree' | 'hostOrgs' | 'workers' | 'passes' | 'scans' | 'demands' | 'projects' | 'total', number>;
  reports: ReportCounts;
  /** The earliest business date of the generated records (demands received, workers verified, scans). */
  since: string;
}

/** Demands and scans are spread over the last two years; workers verified over the same. */
const SPAN_DAYS = 730;
/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;
/** Rows per transaction: one commit per this many rows. */
const TX_ROWS = 50_000;

type Db = Kysely<DB>;
type TableName = 'hostOrgs' | 'workers' | 'passes' | 'passScans' | 'demands' | 'demandDepartments';

/**
 * Multi-row INSERTs (as many rows a statement as the bound-parameter limit allows), many statements
 * to a transaction. Rows are produced by `make(i)` for i in [0, n) in chunks of TX_ROWS.
 */
async function bulk<T extends TableName>(
  db: Db,
  table: T,
  n: number,
  make: (i: number) => Insertable<DB[T]>,
  log?: (done: number) => void,
): Promise<void> {
  for (let start = 0; start < n; start += TX_ROWS) {
    const rows: Insertable<DB[T]>[] = [];
    for (let i = start; i < Math.min(n, start + TX_ROWS); i++) rows.push(make(i));
    await insertRows(db, table, rows);
    log?.(Math.min(n, start + TX_ROWS));
  }
}

/** SQLite: a 512 MiB page cache for a bulk load; answers the size to put back (null on PostgreSQL). */
async function widenSqliteCache(db: Db): Promise<number | null> {
  if (dialectOf(db) !== 'sqlite') return null;
  const r = await sql<{ cacheSize: number }>`pragma cache_size`.execute(db);
  await sql`pragma cache_size = -524288`.execute(db);
  return Number(r.rows[0]?.cacheSize ?? -2000);
}

async function restoreSqliteCache(db: Db, size: number | null): Promise<void> {
  if (size !== null) await sql`pragma cache_size = ${sql.lit(size)}`.execute(db);
}

/** snake_case of a camelCase name, as the app's camel-case plugin writes it. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `insert into <table> (<columns>) values (…), …` for `n` rows, per dialect (built once per shape). */
const insertSql = new Map<string, string>();
function insertText(dialect: Dialect, table: string, columns: readonly string[], n: number): string {
  const key = `${dialect}|${table}|${columns.join()}|${n}`;
  let text = insertSql.get(key);
  if (text === undefined) {
    let k = 0;
    const row = () => `(${columns.map(() => (dialect === 'postgres' ? `$${++k}` : '?')).join(', ')})`;
    text =
      `insert into ${snake(table)} (${columns.map(snake).join(', ')}) values ` +
      Array.from({ length: n }, row).join(', ');
    insertSql.set(key, text);
  }
  return text;
}

/**
 * The rows in one transaction, by multi-row inserts of up to 1,000 rows whose SQL text is built once
 * per shape (Kysely's query builder cost more per row than the database's insert at 10,000,000 scans).
 * Every row has the first row's columns; values are bound as the app binds them.
 */
async function insertRows<T extends TableName>(db: Db, table: T, rows: Insertable<DB[T]>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const per = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns.length)));
  const dialect = dialectOf(db);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per) as Record<string, unknown>[];
      const values = chunk.flatMap((r) => columns.map((c) => r[c] ?? null));
      await trx.executeQuery(CompiledQuery.raw(insertText(dialect, table, columns, chunk.length), values));
    }
  });
}

/** A valid GB 11643 ID number, distinct for every n below 20,000,000. */
function idNumber(n: number, region: string): string {
  const d = new Date(Date.UTC(1965, 0, 1) + (n % 20_000) * 86_400_000);
  const birth = d.toISOString().slice(0, 10).replaceAll('-', '');
  const prefix = `${region}${birth}${String(Math.floor(n / 20_000) % 1000).padStart(3, '0')}`;
  return prefix + idNumberCheckChar(prefix)!;
}

/** A distinct mobile number for every n below 100,000,000 (13x–19x prefixes). */
const mobile = (n: number) => `1${3 + (Math.floor(n / 1e8) % 7)}${n % 10}${String(n).padStart(8, '0').slice(-8)}`;

const isoAt = (date: string, minutes: number) =>
  new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000).toISOString();

const int = (n: number) => n.toLocaleString('en-US');

/**
 * The synthetic city (issue 15): the bench's 丹东 tree (city 社工部, six county 社工部 with a "两新"
 * 工委, a joint branch and two instructors each), then, scaled by `scale`:
 * - host organisations — bodies from the same factory as the demo, validated by the create schema,
 *   the ledger fields derived by the service's own `deriveLedger`, unique credit codes (GB 32100);
 * - workers — mobile and ID number (GB 11643, unique) under the field cipher with their lookup
 *   hashes and mask, as the workers service stores them; 90% verified over the last two years;
 * - passes for one verified worker in ten, six compounds a county (created, with their gates and
 *   guards, through the passes service), and the scans of those passes at those gates;
 * - demands of the firms, routed to their county's department by the routing table the demands
 *   service reads (created through the service), with due dates from the working-day calendar and
 *   each state's timestamps in order (received → accepted → in progress → resolved → rated/closed);
 * - projects declared, reviewed and approved through the projects services, and the current
 *   quarter's reports filed and rated through the reports service (the project bench's helpers).
 * Bulk rows skip the audit entries and notifications a request would write. Deterministic per scale.
 */
export async function generateCity(
  services: Services,
  admin: RequestContext,
  opts: { scale: number; lanes: number; log?: (msg: string) => void; tree?: BenchTree },
): Promise<CityWorld> {
  const log = opts.log ?? (() => undefined);
  const counts = cityCounts(opts.scale);
  const db = services.db as unknown as Db;
  const cipher = services.cipher;
  const rng = new Rng(15_000 + Math.round(opts.scale * 1e6));
  const seconds = {} as CityWorld['seconds'];
  const t0 = performance.now();
  let lap = t0;
  const mark = (k: keyof CityWorld['seconds']) => {
    const now = performance.now();
    seconds[k] = (now - lap) / 1000;
    lap = now;
    log(`${k} in ${seconds[k].toFixed(1)} s`);
  };
  const now = new Date().toISOString();
  const today = shanghaiDate();
  const since = addDays(today, -SPAN_DAYS + 1);
  const by = admin.actor.userId;

  // ——— the tree, through the services ———
  // The bench's tree when the bench made it already (the same shape), else made here.
  const tree = opts.tree ?? (await seedWorld(services, admin, 0, 1)).tree;
  const counties = tree.counties;
  const joints: string[] = [];
  const instructors: string[][] = [];
  for (const c of counties) {
    const j = await db
      .selectFrom('partyOrgs')
      .select('id')
      .where('parentId', '=', c.committeeId)
      .where('type', '=', 'joint_branch')
      .executeTakeFirstOrThrow();
    joints.push(j.id);
    const ins = await db.selectFrom('instructors').select('id').where('partyOrgId', '=', c.committeeId).execute();
    instructors.push(ins.map((r) => r.id));
  }
  const byCounty = counties.map(() => ({ hostOrgs: 0, workersVerified: 0, demands: 0, demandsResolved: 0 }));
  mark('tree');

  // ——— host organisations ———
  log(`host organisations: ${int(counts.hostOrgs)}`);
  const firmIds: string[][] = counties.map(() => []);
  const codes = new Set<string>();
  await bulk(
    db,
    'hostOrgs',
    counts.hostOrgs,
    (i): Insertable<HostOrgsTable> => {
      const k = i % counties.length;
      const c = counties[k]!;
      let input = hostOrgInput(rng, { regionCode: c.regionCode, managingOrgId: c.committeeId }, c.place);
      while (codes.has(input.creditCode))
        input = hostOrgInput(rng, { regionCode: c.regionCode, managingOrgId: c.committeeId }, c.place);
      codes.add(input.creditCode);
      input.name = `${input.name}${i + 1}`;
      const roll = rng.next();
      if (roll < 0.15) input.partyOrgId = joints[k]!;
      else if (roll < 0.45) input.instructorId = rng.pick(instructors[k]!);
      const body = validated(hostOrgCreateBody, input);
      const { ledger, problems } = deriveLedger(body, null);
      if (problems.length) throw new Error(`host organisation ${i}: ${JSON.stringify(problems)}`);
      const id = newId();
      firmIds[k]!.push(id);
      byCounty[k]!.hostOrgs++;
      return {
        id,
        name: body.name,
        creditCode: body.creditCode,
        category: HOST_ORG_TYPE_CATEGORY[body.type],
        type: body.type,
        industry: body.industry,
        sizeClass: body.sizeClass,
        regionCode: body.regionCode,
        park: body.park,
        address: body.address,
        staffCount: body.staffCount,
        partyMemberCount: body.partyMemberCount,
        managingOrgId: body.managingOrgId,
        partyOrgId: body.partyOrgId,
        instructorId: body.instructorId,
        specialistUserId: body.specialistUserId,
        ...ledger,
        createdAt: now,
        updatedAt: now,
        createdBy: by,
        deletedAt: null,
      };
    },
    (d) => log(`host organisations: ${int(d)}`),
  );
  codes.clear();
  // The coverage summary (issue 15), rebuilt from the rows inserted.
  await db.transaction().execute((trx) => rebuildCoverageSummary(trx));
  mark('hostOrgs');

  // ——— workers ———
  const verifiedIds: { id: string; county: number }[] = [];
  const wantPasses = counts.passes;
  await bulk(
    db,
    'workers',
    counts.workers,
    (n): Insertable<WorkersTable> => {
      const k = n % counties.length;
      const c = counties[k]!;
      const id = newId();
      const verified = n % 10 !== 9;
      const m = mobile(n);
      const idNo = idNumber(n, c.regionCode);
      const verifiedAt = verified ? isoAt(addDays(since, rng.int(0, SPAN_DAYS - 1)), rng.int(540, 1080)) : null;
      if (verified) {
        byCounty[k]!.workersVerified++;
        if (verifiedIds.length < wantPasses && n % 9 === 0) verifiedIds.push({ id, county: k });
      }
      return {
        id,
        userId: null,
        name: `骑手${n + 1}`,
        mobileEnc: cipher.encrypt(m),
        mobileHash: cipher.lookupHash(m),
        idNumberEnc: cipher.encrypt(idNo),
        idNumberHash: cipher.lookupHash(idNo),
        idNumberMasked: maskIdNumber(idNo),
        platform: rng.pick(['meituan', 'eleme', 'sf', 'jd', 'didi', 'dada']),
        occupation: rng.pick(['food_delivery', 'courier', 'ride_hailing', 'truck_driver']),
        regionCode: c.regionCode,
        partyMember: rng.chance(0.06) ? 1 : 0,
        partyOrgId: null,
        photoAttachmentId: null,
        status: verified ? 'verified' : 'pending',
        registeredVia: 'staff',
        verifiedBy: verified ? by : null,
        verifiedAt,
        rejectReason: null,
        createdAt: verifiedAt ?? now,
        updatedAt: verifiedAt ?? now,
        createdBy: by,
        deletedAt: null,
      };
    },
    (d) => log(`workers: ${int(d)}`),
  );
  // The dashboard's daily summary (issue 15) from the rows just inserted: the same rebuild as the
  // migration and `npm run rebuild-summaries`, so it equals what the services would have kept.
  await db.transaction().execute((trx) => rebuildWorkerSummary(trx));
  mark('workers');

  // ——— compounds (through the service), passes and scans ———
  const compounds: { id: string; gateIds: string[]; guardId: string; county: number }[] = [];
  for (const [k, c] of counties.entries()) {
    for (let j = 0; j < 6; j++) {
      const compound = await services.passes.createCompound(admin, {
        name: `${c.place}小区${j + 1}`,
        address: null,
        regionCode: c.regionCode,
        managingOrgId: c.committeeId,
        hostOrgId: null,
        pilot: true,
        joinedOn: addDays(since, j * 60),
        gates: ['东门', '西门'],
      });
      const guard = await createUser(services, admin, {
        username: `city_guard_${k + 1}_${j + 1}`,
        roles: [{ role: 'guard', orgId: c.committeeId }],
      });
      await services.passes.assignGuard(admin, compound.id, { userId: guard.id, gateId: compound.gates[0]!.id });
      compounds.push({ id: compound.id, gateIds: compound.gates.map((g) => g.id), guardId: guard.id, county: k });
    }
  }
  const passes: { id: string; workerId: string; county: number }[] = [];
  const expiresAt = new Date(Date.now() + 180 * 86_400_000).toISOString();
  await bulk(db, 'passes', verifiedIds.length, (i): Insertable<PassesTable> => {
    const w = verifiedIds[i]!;
    const id = newId();
    passes.push({ id, workerId: w.id, county: w.county });
    const issuedAt = isoAt(addDays(today, -rng.int(1, 180)), 600);
    return {
      id,
      workerId: w.id,
      status: 'active',
      scope: 'all',
      issuedAt,
      expiresAt,
      deviceAlg: null,
      devicePublicKey: null,
      deviceRegisteredAt: null,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
      createdAt: issuedAt,
      updatedAt: issuedAt,
      createdBy: by,
    };
  });
  // The passes' validity and issue summaries (issue 15), rebuilt from the rows inserted.
  await db.transaction().execute((trx) => rebuildPassSummaries(trx));
  mark('passes');
  const byCountyCompounds = counties.map((_, k) => compounds.filter((c) => c.county === k));
  // Scans come in time order, as a log does, with time-ordered client ids: each index then grows at
  // its end (or at a compound's or worker's end) instead of at 10,000,000 random places — random
  // UUIDs made the scans 1,701 s of a 1,968 s scale-1 run on SQLite. On SQLite the page cache is
  // widened for the load (the indexes' pages stay in memory) and put back afterwards.
  const cacheBefore = await widenSqliteCache(db);
  await bulk(
    db,
    'passScans',
    counts.scans,
    (i): Insertable<PassScansTable> => {
      const p = passes[i % passes.length]!;
      const c = rng.pick(byCountyCompounds[p.county]!);
      const at = isoAt(addDays(since, Math.floor((i * SPAN_DAYS) / counts.scans)), rng.int(420, 1380));
      const offline = rng.chance(0.05);
      return {
        id: newId(),
        clientId: newId(),
        passId: p.id,
        workerId: p.workerId,
        compoundId: c.id,
        gateId: rng.pick(c.gateIds),
        guardUserId: c.guardId,
        scannedAt: at,
        verdict: rng.chance(0.98) ? 'valid' : 'wrong_compound',
        offline: offline ? 1 : 0,
        uploadedAt: offline ? new Date(Date.parse(at) + 3_600_000).toISOString() : at,
      };
    },
    (d) => log(`scans: ${int(d)}`),
  );
  await restoreSqliteCache(db, cacheBefore);
  // The scans' daily summary (issue 15), rebuilt from the rows inserted (as the migration fills it).
  await db.transaction().execute((trx) => rebuildScanSummary(trx));
  mark('scans');

  // ——— demands: departments and routes through the service, then the demands ———
  const leads: string[] = [];
  for (const [k, c] of counties.entries()) {
    const handler = await createUser(services, admin, {
      username: `city_handler_${k + 1}`,
      roles: [{ role: 'handler', orgId: c.committeeId }],
    });
    const dep = await createDepartment(services, admin, {
      name: `${c.name}营商环境服务中心`,
      orgId: c.committeeId,
      memberIds: [handler.id],
    });
    for (const category of DEMAND_CATEGORY_CODES)
      await createDemandRoute(services, admin, { orgId: c.committeeId, category, departmentId: dep.id });
    leads.push(dep.id);
  }
  const route = await services.store.repos.demands.findRoute(counties[0]!.committeeId, 'policy');
  if (!route) throw new Error('demand route missing');
  const cal = makeWorkCalendar(await services.store.repos.demands.calendarOverrides());
  const dues = new Map<string, { sign: string; reply: string; resolve: string }>();
  const dueOf = (d: string) => {
    let v = dues.get(d);
    if (!v) {
      v = {
        sign: cal.addWorkdays(d, route.signDays),
        reply: cal.addWorkdays(d, route.replyDays),
        resolve: cal.addWorkdays(d, route.resolveDays),
      };
      dues.set(d, v);
    }
    return v;
  };
  const leadRows: Insertable<DemandDepartmentsTable>[] = [];
  await bulk(
    db,
    'demands',
    counts.demands,
    (i): Insertable<DemandsTable> => {
      const k = i % counties.length;
      const firms = firmIds[k]!;
      const hostOrgId = firms[rng.int(0, firms.length - 1)]!;
      const category: DemandCategory = rng.pick(DEMAND_CATEGORY_CODES);
      const received = addDays(since, rng.int(0, SPAN_DAYS - 1));
      const due = dueOf(received);
      const createdAt = isoAt(received, rng.int(480, 1020));
      // How far it got, older demands further: closed, resolved, in progress, accepted, received.
      const age = (Date.parse(today) - Date.parse(received)) / 86_400_000;
      const roll = rng.next();
      const stage =
        age < 3 ? 0 : age < 20 ? (roll < 0.3 ? 1 : roll < 0.7 ? 2 : 3) : roll < 0.08 ? 2 : roll < 0.2 ? 3 : 4;
      const step = (days: number, base: string) =>
        new Date(Date.parse(base) + days * 86_400_000 + rng.int(10, 600) * 60_000).toISOString();
      const acceptedAt = stage >= 1 ? step(rng.int(0, 1), createdAt) : null;
      const firstReplyAt = stage >= 2 && acceptedAt ? step(rng.int(0, 3), acceptedAt) : null;
      const resolvedAt = stage >= 3 && firstReplyAt ? step(rng.int(1, 15), firstReplyAt) : null;
      const ratedAt = stage >= 4 && resolvedAt ? step(rng.int(0, 3), resolvedAt) : null;
      const r = rng.next();
      const id = newId();
      leadRows.push({ id: newId(), demandId: id, departmentId: leads[k]!, role: 'lead', active: 1, createdAt });
      byCounty[k]!.demands++;
      if (resolvedAt) byCounty[k]!.demandsResolved++;
      return {
        id,
        hostOrgId,
        category,
        source: 'staff',
        visitId: null,
        challengeId: null,
        title: `企业诉求${i + 1}`,
        description: '企业反映的问题，请相关部门按时限办理。',
        amountAskedFen: category === 'factor_finance' ? rng.int(10, 500) * 1_000_000 : null,
        amountGrantedFen: null,
        status: ['received', 'accepted', 'in_progress', 'resolved', 'closed'][stage]!,
        leadDepartmentId: leads[k]!,
        signDays: route.signDays,
        replyDays: route.replyDays,
        resolveDays: route.resolveDays,
        receivedOn: received,
        signDueOn: due.sign,
        replyDueOn: due.reply,
        resolveDueOn: due.resolve,
        acceptedAt,
        acceptedOn: acceptedAt ? shanghaiDate(new Date(acceptedAt)) : null,
        firstReplyAt,
        resolvedAt,
        resolvedOn: resolvedAt ? shanghaiDate(new Date(resolvedAt)) : null,
        result: resolvedAt ? '已协调解决，企业认可。' : null,
        ratedAt,
        rating: ratedAt ? (r < 0.8 ? 'satisfied' : r < 0.95 ? 'basic' : 'unsatisfied') : null,
        closedAt: ratedAt,
        escalatedAt: null,
        escalatedStep: null,
        createdAt,
        updatedAt: ratedAt ?? resolvedAt ?? firstReplyAt ?? acceptedAt ?? createdAt,
        createdBy: by,
      };
    },
    (d) => {
      log(`demands: ${int(d)}`);
    },
  );
  // The lead rows after their demands (the foreign key), in the same chunks.
  for (let i = 0; i < leadRows.length; i += TX_ROWS)
    await insertRows(db, 'demandDepartments', leadRows.slice(i, i + TX_ROWS));
  leadRows.length = 0;
  // The demands' daily summary (issue 15), rebuilt from the rows inserted (as the migration fills it).
  await db.transaction().execute((trx) => rebuildDemandSummaries(trx));
  mark('demands');

  // ——— projects and their reports, through the services ———
  const reports = await cityProjects(services, admin, tree, counts.projects, opts.lanes, rng, log);
  mark('projects');
  seconds.total = (performance.now() - t0) / 1000;
  return { scale: opts.scale, counts, tree, byCounty, seconds, reports, since };
}

/** How the projects end up (shares); the rest stay drafts. */
const FATES: readonly (readonly [Fate, number])[] = [
  ['approved', 0.6],
  ['in_review', 0.05],
  ['returned', 0.05],
  ['rejected', 0.05],
  ['submitted', 0.2],
];

async function cityProjects(
  services: Services,
  admin: RequestContext,
  tree: BenchTree,
  n: number,
  lanes: number,
  rng: Rng,
  log: (msg: string) => void,
): Promise<ReportCounts> {
  const staffUser = await createUser(services, admin, {
    username: 'city_staff',
    roles: [{ role: 'staff', orgId: tree.cityId }],
  });
  const staff = contextFor(await actorOf(services, staffUser.id), 'bench');
  const secretaries: RequestContext[] = [];
  for (const [i, c] of tree.counties.entries()) {
    const user = await createUser(services, admin, {
      username: `city_sec_${i + 1}`,
      roles: [{ role: 'secretary', orgId: c.committeeId }],
    });
    secretaries.push(contextFor(await actorOf(services, user.id), 'bench'));
  }
  const t = timeline(new Date(), 10);
  const declareOn = shanghaiDate(t.declareAt);
  const fallback = addDays(t.today, -30);
  const campaign = await createCampaign(services, admin, {
    orgId: tree.cityId,
    year: t.quarter.year,
    codePrefix: 'CS',
    declareFrom: declareOn < fallback ? declareOn : fallback,
    declareTo: addDays(t.today, 30),
  });
  const fates: Fate[] = [];
  for (const [fate, share] of FATES) for (let i = 0; i < Math.round(n * share); i++) fates.push(fate);
  while (fates.length < n) fates.push('draft');
  fates.length = n;
  const planned: Planned[] = rng.shuffle(fates).map((fate, i) => {
    const committee = i % tree.counties.length;
    const theme = rng.pick(DEFAULT_THEMES);
    const content: DeclarationContent = declarationInput(rng, {
      title: `${tree.counties[committee]!.place}·${theme.name}项目${i + 1}`,
      theme: theme.code,
      targetGroup: rng.pick(TARGET_GROUP_CODES),
    });
    return { committee, content, fate, id: null };
  });
  log(`projects: declaring ${int(n)}`);
  await createAll(services, campaign, planned, secretaries, t, lanes);
  log('projects: review outcomes');
  await decideAll(services, admin, planned, t, lanes);
  const approved = planned
    .filter((p) => p.fate === 'approved')
    .map((p) => ({ id: p.id!, secretary: secretaries[p.committee]! }));
  log(`projects: filing and rating ${int(approved.length)} reports`);
  return fileAndRate(services, staff, approved, t, rng, lanes);
}
