import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Multipart } from '@fastify/multipart';
import ExcelJS from 'exceljs';
import type { HostOrgImportView } from '@touyan/schemas';
import type { RequestContext } from '../core/actor';
import { LEDGER_COLUMNS, LEDGER_SHEET, type LedgerValues } from '../modules/host-orgs/host-orgs.sheet';
import { hostOrgInput } from '../seed/factories';
import { Rng } from '../seed/random';
import type { Services } from '../services';
import type { BenchDatabase } from './databases';
import { progress } from './scenarios';
import type { BenchTree } from './seed';

/** Rows in the generated ledger. */
export const LEDGER_ROWS = 100_000;
/** Target per phase (dry run, commit). */
export const LEDGER_TARGET_S = 30;

export interface LedgerPhase {
  seconds: number;
  /** Peak resident set size during the phase, sampled every 50 ms (MB). */
  peakRssMb: number;
}
export interface LedgerReport {
  label: string;
  rows: number;
  fileMb: number;
  generateS: number;
  dryRun: LedgerPhase & { valid: number; invalid: number };
  commit: LedgerPhase & { created: number };
  reimport: LedgerPhase & { unchanged: number };
}

/** Runs `fn` while sampling the RSS. */
async function phase<T>(fn: () => Promise<T>): Promise<[T, LedgerPhase]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  try {
    const r = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return [r, { seconds: (performance.now() - t0) / 1000, peakRssMb: peak / 1024 / 1024 }];
  } finally {
    clearInterval(timer);
  }
}

/** Writes LEDGER_ROWS generated host organisations of the tree's counties to an .xlsx (streamed). */
async function generate(file: string, tree: BenchTree, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(LEDGER_SHEET);
  ws.addRow(LEDGER_COLUMNS.map((c) => c.header)).commit();
  const rng = new Rng(2026);
  const seen = new Set<string>();
  for (let i = 0; i < rows; i++) {
    const county = tree.counties[i % tree.counties.length]!;
    const h = hostOrgInput(rng, { regionCode: county.regionCode, managingOrgId: county.committeeId }, county.place);
    if (seen.has(h.creditCode)) {
      i--;
      continue;
    }
    seen.add(h.creditCode);
    const v: LedgerValues = {
      name: `${h.name}${i}`,
      creditCode: h.creditCode,
      type: h.type,
      industry: h.industry,
      sizeClass: h.sizeClass,
      regionCode: h.regionCode,
      regionName: null,
      park: null,
      address: null,
      staffCount: h.staffCount,
      partyMemberCount: h.partyMemberCount,
      managingOrg: county.committeeId,
      partyOrg: null,
      instructor: null,
      specialist: null,
      // The ledger columns filled as a county's sheet would be: 未组建 with a reason, a liaison and the
      // date of work coverage for some, the 三有 flags (三有 itself is derived, its cell left blank).
      orgCoverageKind: 'none',
      orgFormedOn: null,
      notFormedReason: rng.pick(['few_members', 'small_scale', 'high_turnover', 'forming'] as const),
      notFormedNote: rng.chance(0.2) ? '已列入年度组建计划' : null,
      liaisonName: i % 3 === 0 ? `联络员${i % 97}` : null,
      workCoveredSince: i % 3 === 0 ? `202${i % 5}-0${1 + (i % 9)}-1${i % 10}` : null,
      hasFixedPremises: rng.chance(0.8),
      operatingNormally: rng.chance(0.93),
      leaderContact: null,
      threeHas: null,
    };
    ws.addRow(LEDGER_COLUMNS.map((c) => c.format(v[c.key] as never))).commit();
  }
  ws.commit();
  await wb.commit();
}

/** One file part, as @fastify/multipart hands it over. */
function filePart(file: string): AsyncIterable<Multipart> {
  return (async function* () {
    yield {
      type: 'file',
      fieldname: 'file',
      filename: 'bench-ledger.xlsx',
      file: createReadStream(file),
    } as unknown as Multipart;
  })();
}

/**
 * "ledger import": 100,000 generated rows through the import service (upload → dry run → commit
 * valid-only, batches of 500), then the same file again (every row unchanged). Wall time and peak RSS
 * per phase; target ≤ 30 s for the dry run and for the commit.
 */
export async function benchLedger(opts: {
  bench: BenchDatabase;
  services: Services;
  admin: RequestContext;
  tree: BenchTree;
}): Promise<LedgerReport> {
  const { bench, services, admin, tree } = opts;
  const imports = services.hostOrgImports;
  const runner = imports.runner;
  // The sheet names the managing organisation by name (unique in the tree).
  const names = new Map<string, string>();
  for (const c of tree.counties) names.set(c.committeeId, (await services.partyOrgs.get(admin, c.committeeId)).name);
  const dir = path.join(bench.config.dataDir, 'bench-ledger');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'ledger.xlsx');
  progress(`${bench.label}: ledger: generating ${LEDGER_ROWS.toLocaleString('en-US')} rows`);
  const t0 = performance.now();
  const treeByName: BenchTree = {
    ...tree,
    counties: tree.counties.map((c) => ({ ...c, committeeId: names.get(c.committeeId)! })),
  };
  await generate(file, treeByName, LEDGER_ROWS);
  const generateS = (performance.now() - t0) / 1000;
  const fileMb = (await stat(file)).size / 1024 / 1024;
  const run = async () => {
    const [view, dry] = await phase(async () => {
      const v = await imports.upload(admin, filePart(file));
      await runner.idle();
      return imports.get(admin, v.id);
    });
    progress(
      `${bench.label}: ledger dry run: ${dry.seconds.toFixed(1)} s, peak RSS ${dry.peakRssMb.toFixed(0)} MB, ` +
        `${view.valid} valid / ${view.invalid} invalid (${view.failureCode ?? 'ok'})`,
    );
    const [done, commit] = await phase(async () => {
      await imports.requestCommit(admin, view.id, { mode: 'valid_only' });
      await runner.idle();
      return imports.get(admin, view.id);
    });
    progress(
      `${bench.label}: ledger commit: ${commit.seconds.toFixed(1)} s, peak RSS ${commit.peakRssMb.toFixed(0)} MB, ` +
        `${done.created} created, ${done.updated} updated, ${done.unchanged} unchanged`,
    );
    return { view, dry, done, commit };
  };
  const first = await run();
  const again = await run();
  await rm(dir, { recursive: true, force: true });
  const v: HostOrgImportView = first.view;
  return {
    label: bench.label,
    rows: LEDGER_ROWS,
    fileMb,
    generateS,
    dryRun: { ...first.dry, valid: v.valid, invalid: v.invalid },
    commit: { ...first.commit, created: first.done.created },
    reimport: {
      seconds: again.dry.seconds + again.commit.seconds,
      peakRssMb: Math.max(again.dry.peakRssMb, again.commit.peakRssMb),
      unchanged: again.done.unchanged,
    },
  };
}

export const ledgerPass = (r: LedgerReport) =>
  r.dryRun.seconds <= LEDGER_TARGET_S && r.commit.seconds <= LEDGER_TARGET_S && r.dryRun.invalid === 0;

export function renderLedgerSection(reports: LedgerReport[]): string {
  const lines = [
    `### Ledger import (${LEDGER_ROWS.toLocaleString('en-US')} rows; target ≤ ${LEDGER_TARGET_S} s per phase)`,
    '',
    '| database | file | dry run | commit (valid-only, 500/tx) | re-import (all unchanged) | peak RSS |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of reports) {
    lines.push(
      `| ${r.label} | ${r.fileMb.toFixed(1)} MB | ${r.dryRun.seconds.toFixed(1)} s (${r.dryRun.valid} valid) | ` +
        `${r.commit.seconds.toFixed(1)} s (${r.commit.created} created) | ${r.reimport.seconds.toFixed(1)} s (${r.reimport.unchanged} unchanged) | ` +
        `${Math.max(r.dryRun.peakRssMb, r.commit.peakRssMb).toFixed(0)} MB |`,
    );
  }
  return lines.join('\n');
}
