import os from 'node:os';
import { isListRow, LIST_P95_TARGET_MS, meetsTarget, type ProjectsReport } from './projects';
import { CREATE_BATCH, CREATE_BUDGET_MS } from './projects-create';
import { LIST_FILTER, quarterName, SEARCH_WORD } from './projects-world';
import type { RunInfo, Skipped } from './report';
import { overheadCells, overheadHeader } from './overhead';

export const PROJECTS_START = '<!-- bench:projects:start -->';
export const PROJECTS_END = '<!-- bench:projects:end -->';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const secs = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;

function data(r: ProjectsReport): string {
  const w = r.world;
  const f = w.fates;
  const c = w.create;
  const rep = w.reports;
  const t = w.timeline;
  const path =
    c.viaRepos === 0
      ? `all ${int(c.viaServices)} through \`services.projects.createDraftIn\``
      : `${int(c.viaServices)} through \`services.projects.createDraftIn\` and, past the ${secs(c.budgetMs)} budget, ` +
        `${int(c.viaRepos)} drafts and submissions through \`repos.projects.insert\` + \`insertVersion\` + ` +
        '`insertTransition` (the same rows, without the checks and audit rows)';
  return (
    `Data: ${int(f.draft + f.submitted + f.in_review + f.returned + f.rejected + f.approved)} projects in one ` +
    `published ${w.campaignYear} campaign over 6 county committees (5 themes, 3 target groups at random): ` +
    `${int(f.draft)} draft, ${int(f.submitted)} submitted, ${int(f.in_review)} in review, ${int(f.returned)} returned, ` +
    `${int(f.rejected)} rejected, ${int(f.approved)} approved. Declared ${path}, ${c.batch} to a transaction, ` +
    `${c.lanes} transaction(s) at a time, in ${secs(c.ms)}; review outcomes in ${secs(w.decisionsMs)}; ` +
    `${quarterName(t.quarter)} reports (due ${t.dueDate}) filed and rated in ${secs(rep.ms)}: ` +
    `${int(rep.filedOnTime)} filed on time, ${int(rep.filedLate)} late, ${int(rep.pending)} pending, ` +
    `${int(rep.rated)} rated (${rep.ratings.on_track} on track, ${rep.ratings.lagging} lagging, ` +
    `${rep.ratings.at_risk} at risk). Whole project seeding ${secs(w.totalMs)}. ` +
    `(e) matches ${int(w.expected.filtered)} projects, (f) ${int(w.expected.search)} ` +
    `(${((100 * w.expected.search) / 10_000).toFixed(1)}% of titles), (g) the 振兴区 secretary sees ` +
    `${int(w.expected.secretary)}, (h) has ${int(w.expected.approved)} rows.`
  );
}

function table(r: ProjectsReport): string[] {
  const pgRun = r.label.startsWith('PostgreSQL');
  const extra = overheadHeader(pgRun);
  const lines = [
    `### ${r.label}`,
    '',
    data(r),
    '',
    `| scenario | req/s | p50 ms | p95 ms | p99 ms | CPU µs/req | SQL statements/request | list SQL alone, median ms | p95 ≤ ${LIST_P95_TARGET_MS} ms | ${extra.head} |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|:---:|${extra.align}`,
  ];
  for (const [i, s] of r.scenarios.entries()) {
    const x = s.result;
    const profile = r.profiles.find((p) => s.label.startsWith(p.label));
    const verdict = isListRow(s) ? (meetsTarget(s) ? 'PASS' : '**FAIL**') : 'no target';
    lines.push(
      `| ${s.label} \`${s.path}\` | ${int(x.reqPerSec)} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ` +
        `${int(x.cpuPerReqUs)} | ${r.statements[i] ?? '—'} | ${profile ? ms(profile.sqlMedianMs) : '—'} | ${verdict} | ` +
        overheadCells(x, pgRun, isListRow(s)),
    );
  }
  const explain = r.label.startsWith('SQLite') ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN (ANALYZE, BUFFERS)';
  lines.push('', `<details><summary>${explain} of the list statements (e)–(g)</summary>`, '');
  for (const p of r.profiles) {
    lines.push(`${p.label} — ${p.rows} rows, alone ${ms(p.sqlMedianMs)} ms median, ${ms(p.sqlP95Ms)} ms p95:`, '');
    lines.push('```', ...p.plan, '```', '');
  }
  lines.push('</details>');
  return lines;
}

/** The markdown of the projects section (stdout and PERFORMANCE.md). */
export function renderProjectsSection(info: RunInfo, reports: ProjectsReport[], skipped: Skipped[]): string {
  const cpus = os.cpus();
  const loads = reports.flatMap((r) => r.scenarios.map((s) => s.loadAvg));
  const loadRange = loads.length ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : 'n/a';
  const lines = [
    PROJECTS_START,
    '## Projects: list over 10,000 projects, quarterly overview of 500',
    '',
    `Measured ${info.date.toISOString().slice(0, 16).replace('T', ' ')} UTC in the same \`npm run bench\` run ` +
      `(whole run ${info.totalS.toFixed(0)} s) on ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${os.platform()} ${os.arch()}, Node ${process.version}; 1-minute load average ${loadRange} while measuring these ` +
      'scenarios (other work on the machine shows up as noise).',
    '',
    `Method: as for the foundation (the real app in the bench process, autocannon in a forked child, ` +
      `${info.connections} connections, ${info.warmupS} s warm-up, then ${info.durationS} s measured; every response ` +
      'checked to be 2xx; nearest-rank percentiles). The project world is seeded into the same database after the ' +
      "foundation scenarios, then planner statistics are refreshed with the app's `analyzeDatabase`. (e) and (f) run " +
      'as a staff user of the city 社工部 (who sees every project but the drafts never submitted, which stay with the ' +
      'declaring side), (g) as the secretary of one county committee, (h) — ' +
      `the quarterly overview of the campaign's 500 approved projects — as that staff user. (e) filters on ` +
      `\`status=${LIST_FILTER.status}&theme=${LIST_FILTER.theme}\`; (f) searches titles for “${SEARCH_WORD}”. Before ` +
      'timing, the answers are checked: totals (`withTotal=1`) equal what was seeded, every row matches its filter, ' +
      'the overview has 500 rows and the filed/late/rated/pending counts seeded. Target: p95 ≤ ' +
      `${LIST_P95_TARGET_MS} ms for the list rows (e)–(g) on each database; the overview has no target. ` +
      '“List SQL alone” is the main statement of `ProjectsRepository.list`, compiled as the app runs it and re-run ' +
      '30 times in the bench process; “SQL statements/request” counts what the app runs for one request (the list, ' +
      'then the campaign and, per organisation on the page, the scope check behind its abilities); the rest of a ' +
      'request is session, routing and JSON.',
    '',
    `Seeding: a city 社工部 and 6 county 社工部 with one "两新"工委 each (the foundation tree), a secretary per ` +
      'committee and a staff user at the city (`createUser`), one published campaign of the current Beijing year ' +
      '(`createCampaign`). Projects are declared through `services.projects.createDraftIn` inside ' +
      `\`services.store.tx\`, ${CREATE_BATCH} to a transaction to go faster (one commit per ${CREATE_BATCH} instead of ` +
      'one each); those that go further are submitted in the same transaction with the steps of ' +
      "`ProjectsService.fire('submit')` (completeness check, version snapshot, `projects.transition`), since `fire` " +
      'opens a transaction of its own. Review outcomes go through `projects.transition(…, schedule)` + ' +
      '`projectDecisions.apply` as in server/test/projects.test.ts (approval gives codes, milestones, indicators and ' +
      'pending quarterly reports). The 500 approved are declared and approved early in the overview quarter under a ' +
      'simulated clock (as the demo seed replays its year), so that quarter — the latest whose filing window is open ' +
      'today — has reports to file: about 55% are filed on time and 15% late through `services.quarterlyReports.file`, ' +
      'and 70% of those rated through `services.quarterlyReports.rate`, each at its own simulated time. Had declaring ' +
      `taken more than ${secs(CREATE_BUDGET_MS)}, the remaining drafts and submissions would have gone in through the ` +
      'repositories; the data line of each database says which path was used.',
    '',
  ];
  for (const r of reports) lines.push(...table(r), '');
  for (const s of skipped) lines.push(`### ${s.label}`, '', `Skipped: ${s.reason}.`, '');
  lines.push(PROJECTS_END);
  return lines.join('\n');
}
