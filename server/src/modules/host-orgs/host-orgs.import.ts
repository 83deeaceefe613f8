import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Multipart } from '@fastify/multipart';
import ExcelJS from 'exceljs';
import {
  ERRORS,
  HOST_ORG_TYPE_CATEGORY,
  IMPORT_ERRORS_KEPT,
  IMPORT_MAX_BYTES,
  IMPORT_ROW_ERRORS,
  type ErrorCode,
  type HostOrgImportView,
  type HostOrgType,
  type ImportCommitBody,
  type ImportMode,
  type ImportRowError,
  type ImportRowErrorCode,
  type ImportStatus,
  type Locale,
  type NotFormedReason,
  type OrgCoverageKind,
  type Page,
} from '@touyan/schemas';
import type { RequestContext } from '../../core/actor';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { nowIso, shanghaiDate } from '../../core/time';
import type { Store } from '../../store';
import { fileBackend, type FileBackend, type S3Settings } from '../attachments/attachments.backend';
import type { ExistingHostOrg, HostOrgImportRow } from './host-orgs.imports.repository';
import { deriveLedger, droppedLedgerFields, type LedgerInput } from './host-orgs.ledger';
import type { ImportProgress, ImportRunner } from './host-orgs.import-runner';
import { hostOrgReadScope, hostOrgWriteScope, type HostOrgScope } from './host-orgs.policy';
import type { HostOrgWrite } from './host-orgs.repository';
import {
  cellInput,
  DICT_SHEET,
  headersMatch,
  isBlankRow,
  LEDGER_COLUMNS,
  LEDGER_SHEET,
  looksLikeFormula,
  parseRow,
  type CellInput,
  type LedgerValues,
} from './host-orgs.sheet';

/** `demands`: a firm moved to another managing organisation moves its demands in the dashboard's summary (issue 15). */
export type HostOrgImportsStore = Store<'audit' | 'demands' | 'hostOrgImports' | 'hostOrgs'>;
type Repos = HostOrgImportsStore['repos'];

/** Rows per batch: one lookup of existing records, one transaction (valid-only mode), one audit row. */
export const IMPORT_BATCH = 500;

/** A failure of the whole import (wrong template, empty sheet, not a workbook …). */
class ImportFailure extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

interface StoredError {
  row: number;
  column: string | null;
  code: ImportRowErrorCode;
  value: string | null;
}

/**
 * What an imported row writes: every column of the record, the ledger derived from the sheet's
 * ledger columns as the form derives it (`deriveLedger`, host-orgs.ledger.ts).
 */
type ImportWrite = Pick<HostOrgWrite, (typeof COMPARED)[number]>;

/** One data row after parsing and resolving: a write, or its errors. */
/** The assignments a ledger row carries (host-orgs.service's ASSIGNED kinds). */
const ASSIGNMENT_KINDS = ['instructor', 'liaison', 'specialist', 'leader_contact'] as const;
type AssignedFields = {
  instructorId: string | null;
  liaisonName: string | null;
  specialistUserId: string | null;
  leaderContactUserId: string | null;
};

interface Evaluated {
  row: number;
  write: ImportWrite | null;
  existing: ExistingHostOrg | null;
  errors: StoredError[];
}

const COMPARED = [
  'name',
  'creditCode',
  'category',
  'type',
  'industry',
  'sizeClass',
  'regionCode',
  'park',
  'address',
  'staffCount',
  'partyMemberCount',
  'managingOrgId',
  'partyOrgId',
  'instructorId',
  'specialistUserId',
  'coverageStatus',
  'orgCoverageKind',
  'orgFormedOn',
  'notFormedReason',
  'notFormedNote',
  'liaisonName',
  'workCoveredSince',
  'hasFixedPremises',
  'operatingNormally',
  'threeHas',
  'leaderContactUserId',
] as const satisfies readonly (keyof HostOrgWrite)[];

/** The uploaded file's name as shown back: path separators and control characters replaced. */
function cleanName(name: string): string {
  let out = '';
  for (const ch of name) out += ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch;
  return out.slice(0, 200) || 'import.xlsx';
}

const cut = (v: CellInput | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const s = typeof v === 'object' ? `=${v.formula}` : String(v);
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
};

/**
 * Names → ids for one run, loaded once: Party organisations by path (`上级/本级`, from the root) or by
 * a name unique among those in the caller's write scope; instructors by a unique name; specialists
 * by login name; regions checked per batch and remembered.
 */
class Lookups {
  private readonly pathById = new Map<string, string>();
  private readonly byPath = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();
  private readonly instructorsByName = new Map<string, string[]>();
  private readonly instructorName = new Map<string, string>();
  private readonly specialistByLogin = new Map<string, string>();
  private readonly loginById = new Map<string, string>();
  private readonly userByLogin = new Map<string, string>();
  private readonly userLoginById = new Map<string, string>();
  readonly regions = new Map<string, string | null>();
  writable: Set<string> | null = null;

  static async load(repos: Repos, scope: HostOrgScope): Promise<Lookups> {
    const l = new Lookups();
    const r = repos.hostOrgImports;
    const [nodes, writable, instructors, specialists, users] = await Promise.all([
      r.partyOrgNodes(),
      scope.all ? Promise.resolve(null) : r.orgIdsUnder(scope.subtree),
      r.instructorNames(),
      r.specialistLogins(),
      r.userLogins(),
    ]);
    l.writable = writable;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const pathOf = (id: string): string => {
      const known = l.pathById.get(id);
      if (known) return known;
      const n = byId.get(id)!;
      const p = n.parentId && byId.has(n.parentId) ? `${pathOf(n.parentId)}/${n.name}` : n.name;
      l.pathById.set(id, p);
      return p;
    };
    for (const n of nodes) {
      l.byPath.set(pathOf(n.id), n.id);
      if (l.canWrite(n.id)) l.byName.set(n.name, [...(l.byName.get(n.name) ?? []), n.id]);
    }
    for (const i of instructors) {
      l.instructorsByName.set(i.name, [...(l.instructorsByName.get(i.name) ?? []), i.id]);
      l.instructorName.set(i.id, i.name);
    }
    for (const s of specialists) {
      l.specialistByLogin.set(s.username, s.id);
      l.loginById.set(s.id, s.username);
    }
    for (const u of users) {
      l.userByLogin.set(u.username, u.id);
      l.userLoginById.set(u.id, u.username);
    }
    return l;
  }

  canWrite(orgId: string | null): boolean {
    return orgId !== null && (this.writable === null || this.writable.has(orgId));
  }

  org(text: string): { id: string } | { code: ImportRowErrorCode } {
    const exact = this.byPath.get(text);
    if (exact) return this.canWrite(exact) ? { id: exact } : { code: 'org_out_of_scope' };
    const named = this.byName.get(text) ?? [];
    if (named.length === 1) return { id: named[0]! };
    if (named.length > 1) return { code: 'org_ambiguous' };
    return { code: 'org_unknown' };
  }

  instructor(name: string): string | null {
    const ids = this.instructorsByName.get(name) ?? [];
    return ids.length === 1 ? ids[0]! : null;
  }

  specialist(login: string): string | null {
    return this.specialistByLogin.get(login) ?? null;
  }

  /** A leader contact: any account, by its (unique) login name, as the form allows any account. */
  user(login: string): string | null {
    return this.userByLogin.get(login) ?? null;
  }
  userLoginOf(id: string | null) {
    return id ? (this.userLoginById.get(id) ?? null) : null;
  }

  orgPath(id: string | null) {
    return id ? (this.pathById.get(id) ?? null) : null;
  }
  instructorOf(id: string | null) {
    return id ? (this.instructorName.get(id) ?? null) : null;
  }
  loginOf(id: string | null) {
    return id ? (this.loginById.get(id) ?? null) : null;
  }

  async loadRegions(repos: Repos, codes: string[]) {
    const missing = [...new Set(codes)].filter((c) => !this.regions.has(c));
    if (!missing.length) return;
    const names = await repos.hostOrgImports.regionNames(missing);
    for (const c of missing) this.regions.set(c, names.get(c) ?? null);
  }
}

/**
 * exceljs's streaming reader decodes each chunk of a zip entry on its own (`TextDecoder.decode`
 * without `stream: true`), so a Chinese character split across two chunks becomes U+FFFD: "民营企业"
 * read as "民营���业" about once in 1,500 rows of a large sheet. The reader is given the worksheet and
 * shared-string entries already decoded to text by a StringDecoder (which carries a split character
 * over to the next chunk); exceljs passes strings through unchanged. Checked by the ledger import
 * test with a sheet large enough to split characters.
 */
function utf8SafeReader(file: Readable): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const internals = reader as unknown as {
    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
    _parseSharedStrings(entry: Readable): unknown;
  };
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  if (typeof parseWorksheet !== 'function' || typeof parseSharedStrings !== 'function') {
    throw new Error('exceljs internals changed: review utf8SafeReader');
  }
  internals._parseWorksheet = (iterator, sheetNo) => parseWorksheet(decodedChunks(iterator), sheetNo);
  internals._parseSharedStrings = (entry) => {
    const decoder = new StringDecoder('utf8');
    const text = new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _e, done) {
        const s = decoder.write(chunk);
        done(null, s || undefined);
      },
      flush(done) {
        const s = decoder.end();
        done(null, s || undefined);
      },
    });
    entry.on('error', (e) => text.destroy(e));
    return parseSharedStrings(entry.pipe(text));
  };
  return reader;
}

async function* decodedChunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.write(c);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * The Excel round-trip of the host-organisation ledger: template, upload → dry run → commit as
 * background jobs (through `ImportRunner`), errors by row, and the streamed export.
 *
 * The uploaded workbook is received into `imports/tmp/` under the data directory, checked, and then
 * kept by the file backend at `imports/<id>.xlsx` (`filePath` is the part after `imports/`): in the
 * data directory, or with STORAGE=s3 in the shared bucket — the dry run and the commit are jobs on
 * the durable queue, which any server process (machine) may run.
 */
export class HostOrgImportsService {
  /** Where the local backend keeps the workbooks (the data directory's `imports/`); temporary files go in its `tmp/`. */
  readonly filesDir: string;
  readonly files: FileBackend;

  constructor(
    private readonly store: HostOrgImportsStore,
    dataDir: string,
    readonly runner: ImportRunner,
    objectStore: S3Settings | null = null,
  ) {
    this.filesDir = path.resolve(dataDir, 'imports');
    this.files = fileBackend(dataDir, objectStore, 'imports');
    runner.register('hostOrgImport.validate', (id, progress) => this.validateImport(id, progress));
    runner.register('hostOrgImport.commit', (id, progress) => this.commitImport(id, progress));
  }

  /** Where uploaded workbooks stream to (`*.part`, on this machine's disk); stale ones are swept by the tmp-sweep job. */
  get tmpDir(): string {
    return path.join(this.filesDir, 'tmp');
  }

  // ——— views ———

  private view(row: HostOrgImportRow, locale: Locale): HostOrgImportView {
    const failure = row.failureCode as ErrorCode | null;
    return {
      id: row.id,
      filename: row.filename,
      status: row.status as ImportStatus,
      mode: row.mode as ImportMode | null,
      failureCode: failure,
      failureMessage: failure ? (ERRORS[failure]?.[locale] ?? failure) : null,
      total: row.total,
      valid: row.valid,
      invalid: row.invalid,
      created: row.created,
      updated: row.updated,
      unchanged: row.unchanged,
      progressDone: row.progressDone,
      progressTotal: row.progressTotal,
      errorCount: row.errorCount,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      abilities: row.status === 'validated' && row.valid > 0 ? ['commit'] : [],
    };
  }

  private async visible(ctx: RequestContext, id: string): Promise<HostOrgImportRow> {
    const ws = hostOrgWriteScope(ctx.actor);
    const row = await this.store.repos.hostOrgImports.visible(
      { all: ws.all, userId: ctx.actor.userId, subtree: ws.subtree },
      id,
    );
    if (!row) throw notFound();
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<HostOrgImportView> {
    return this.view(await this.visible(ctx, id), ctx.locale);
  }

  async errors(
    ctx: RequestContext,
    id: string,
    q: { limit: number; cursor?: string | undefined },
  ): Promise<Page<ImportRowError>> {
    const row = await this.visible(ctx, id);
    const all = JSON.parse(row.errorsJson) as StoredError[];
    const from = q.cursor ? Number(q.cursor.replace(/^e0*/, '') || '0') : 0;
    const slice = all.slice(from, from + q.limit);
    const next = from + q.limit < all.length ? `e${String(from + q.limit).padStart(10, '0')}` : null;
    return {
      items: slice.map((e) => ({
        row: e.row,
        column: e.column,
        code: e.code,
        message: IMPORT_ROW_ERRORS[e.code]?.[ctx.locale] ?? e.code,
        value: e.value,
      })),
      nextCursor: next,
    };
  }

  // ——— upload ———

  /** Receives one `file` part (.xlsx, ≤ 20 MB, a zip by its first bytes), records the import and queues its dry run. */
  async upload(ctx: RequestContext, parts: AsyncIterable<Multipart>): Promise<HostOrgImportView> {
    const id = newId();
    const tmpDir = this.tmpDir;
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, `${id}.part`);
    const filePath = `${id}.xlsx`;
    let kept = false;
    let filename = '';
    let size = -1;
    let truncated = false;
    let head = Buffer.alloc(0);
    try {
      try {
        for await (const part of parts) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' || size >= 0) {
            part.file.resume();
            throw new AppError('VALIDATION_FAILED', { file: 'invalid' });
          }
          filename = cleanName(part.filename ?? '');
          size = 0;
          const meter = new Transform({
            transform(chunk: Buffer, _e, done) {
              if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)]);
              size += chunk.length;
              done(null, chunk);
            },
          });
          await pipeline(part.file as Readable, meter, createWriteStream(tmpPath));
          truncated = !!(part.file as { truncated?: boolean }).truncated;
        }
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('IMPORT_TOO_LARGE');
        if (e instanceof AppError) throw e;
        throw new AppError('VALIDATION_FAILED', { file: 'invalid' });
      }
      if (size <= 0) throw new AppError('VALIDATION_FAILED', { file: 'required' });
      if (truncated || size > IMPORT_MAX_BYTES) throw new AppError('IMPORT_TOO_LARGE');
      // An .xlsx is a zip archive: its first bytes are "PK\x03\x04".
      if (!/\.xlsx$/i.test(filename) || !head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
        throw new AppError('IMPORT_NOT_XLSX');
      }
      await this.files.put(tmpPath, this.rel(filePath), size);
      kept = true;
      const ws = hostOrgWriteScope(ctx.actor);
      const now = nowIso();
      await this.store.tx(async (repos) => {
        await repos.hostOrgImports.insert({
          id,
          createdBy: ctx.actor.userId,
          scopeOrgId: ctx.actor.bindings.find((b) => b.role === 'staff')?.orgId ?? null,
          scopeJson: JSON.stringify(ws),
          filename,
          filePath,
          fileSize: size,
          status: 'queued',
          mode: null,
          failureCode: null,
          errorsJson: '[]',
          createdAt: now,
          updatedAt: now,
        });
        await repos.audit.record(
          { userId: ctx.actor.userId, userName: ctx.actor.displayName, ip: ctx.ip, requestId: ctx.requestId },
          {
            action: 'create',
            entityType: 'host_org',
            entityId: null,
            entityLabel: `台账导入 ${filename}`,
            changes: [{ field: 'import', before: null, after: `${filename} (${size} B)` }],
          },
        );
      });
    } catch (e) {
      await rm(tmpPath, { force: true });
      if (kept) await this.files.remove(this.rel(filePath));
      throw e;
    }
    await this.runner.send('hostOrgImport.validate', id);
    return this.get(ctx, id);
  }

  // ——— cleanup of abandoned imports (the import-cleanup job, background.ts) ———

  /**
   * Expires the imports not committed since before `cutoff`: a dry run done and left (validated) or
   * a failed one. Each moves to `expired` in a guarded update (a commit requested at that moment
   * either wins — the import is no longer `validated` — or finds it expired and answers 409), with
   * an audit entry in the import's scope; its uploaded file is deleted after the commit. Safe to run
   * again and in several processes: each import expires once. Returns how many expired.
   */
  async expireAbandoned(cutoff: Date): Promise<number> {
    const before = cutoff.toISOString();
    const BATCH = 100;
    let expired = 0;
    for (;;) {
      const rows = await this.store.repos.hostOrgImports.abandonedBefore(before, BATCH);
      for (const row of rows) {
        const moved = await this.store.tx(async (repos) => {
          if (!(await repos.hostOrgImports.transition(row.id, [row.status], { status: 'expired' }))) return false;
          await repos.audit.record(
            { userId: null, userName: '系统', ip: null, requestId: 'import-cleanup' },
            {
              action: 'update',
              entityType: 'host_org',
              entityId: null,
              entityLabel: `台账导入 ${row.filename} 逾期未导入，已过期`,
              scopeOrgId: row.scopeOrgId,
              changes: [
                { field: 'status', before: row.status, after: 'expired' },
                { field: 'file', before: `${row.filename} (${row.fileSize} B)`, after: null },
              ],
            },
          );
          return true;
        });
        if (!moved) continue;
        await this.files.remove(this.rel(row.filePath));
        expired++;
      }
      if (rows.length < BATCH) break;
    }
    return expired;
  }

  // ——— commit request ———

  async requestCommit(ctx: RequestContext, id: string, body: ImportCommitBody): Promise<HostOrgImportView> {
    const row = await this.visible(ctx, id);
    if (row.status !== 'validated') throw new AppError('IMPORT_NOT_READY');
    if (body.mode === 'all_or_nothing' && row.invalid > 0) throw new AppError('IMPORT_HAS_ERRORS');
    const repos = this.store.repos;
    const moved = await repos.hostOrgImports.transition(id, ['validated'], {
      status: 'committing',
      mode: body.mode,
      progressDone: 0,
      progressTotal: row.total,
    });
    if (!moved) throw new AppError('IMPORT_NOT_READY');
    await this.runner.send('hostOrgImport.commit', id);
    return this.get(ctx, id);
  }

  // ——— the two job handlers (idempotent; safe to run again) ———

  /**
   * The dry run: reads the sheet as a stream, 500 rows at a time, and records counts and the first
   * IMPORT_ERRORS_KEPT errors. Runs only from `queued` / `validating` (a retry starts over); any
   * other status means it already ran, and it returns.
   */
  async validateImport(importId: string, progress: ImportProgress): Promise<void> {
    const repo = this.store.repos.hostOrgImports;
    const row = await repo.get(importId);
    if (!row || (row.status !== 'queued' && row.status !== 'validating')) return;
    await repo.transition(importId, ['queued', 'validating'], {
      status: 'validating',
      total: 0,
      valid: 0,
      invalid: 0,
      progressDone: 0,
      progressTotal: 0,
      errorsJson: '[]',
      errorCount: 0,
    });
    const errors: StoredError[] = [];
    let total = 0;
    let invalid = 0;
    try {
      const lookups = await Lookups.load(this.store.repos, this.scopeOf(row));
      const seen = new Set<string>();
      await this.scan(row, async (batch) => {
        const evaluated = await this.evaluate(this.store.repos, lookups, seen, this.scopeOf(row), batch);
        for (const e of evaluated) {
          total++;
          if (e.errors.length) {
            invalid++;
            for (const err of e.errors) if (errors.length < IMPORT_ERRORS_KEPT) errors.push(err);
          }
        }
        await repo.patch(importId, { progressDone: total });
        progress(total, 0);
      });
      await repo.patch(importId, {
        status: 'validated',
        total,
        valid: total - invalid,
        invalid,
        progressDone: total,
        progressTotal: total,
        errorsJson: JSON.stringify(errors),
        errorCount: errors.length,
      });
    } catch (e) {
      await this.fail(importId, e);
    }
  }

  /**
   * The commit, in the mode chosen: every row is parsed and resolved again (the ledger may have
   * changed since the dry run). Keyed by credit code: new → insert, existing in scope → update only
   * when a field differs, else unchanged. `valid_only` writes each batch of 500 in its own
   * transaction with one summary audit row; `all_or_nothing` runs every batch in one transaction
   * and rolls back at the first bad row (IMPORT_HAS_ERRORS). Runs only from `committing`; a rerun
   * after a crash finds the rows already written unchanged, so nothing is written twice.
   */
  async commitImport(importId: string, progress: ImportProgress): Promise<void> {
    const repo = this.store.repos.hostOrgImports;
    const row = await repo.get(importId);
    if (!row || row.status !== 'committing') return;
    const allOrNothing = row.mode === 'all_or_nothing';
    const scope = this.scopeOf(row);
    const counts = { created: 0, updated: 0, unchanged: 0, done: 0 };
    await repo.patch(importId, { created: 0, updated: 0, unchanged: 0, progressDone: 0 });
    try {
      const run = async (repos: Repos | null) => {
        const lookups = await Lookups.load(repos ?? this.store.repos, scope);
        const seen = new Set<string>();
        let batchNo = 0;
        await this.scan(row, async (batch) => {
          batchNo++;
          const apply = async (r: Repos) => {
            const evaluated = await this.evaluate(r, lookups, seen, scope, batch);
            if (allOrNothing && evaluated.some((e) => e.errors.length)) throw new ImportFailure('IMPORT_HAS_ERRORS');
            const c = await this.applyBatch(r, row, evaluated, batchNo);
            return c;
          };
          const c = repos ? await apply(repos) : await this.store.tx((r) => apply(r));
          counts.created += c.created;
          counts.updated += c.updated;
          counts.unchanged += c.unchanged;
          counts.done += batch.length;
          if (!repos) {
            await repo.patch(importId, {
              created: counts.created,
              updated: counts.updated,
              unchanged: counts.unchanged,
              progressDone: counts.done,
            });
          }
          progress(counts.done, row.total);
        });
      };
      if (allOrNothing) await this.store.tx((r) => run(r));
      else await run(null);
      await repo.patch(importId, {
        status: 'done',
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        progressDone: counts.done,
        progressTotal: counts.done,
      });
      // Done: the uploaded file is no longer needed.
      await this.files.remove(this.rel(row.filePath));
    } catch (e) {
      await this.fail(importId, e);
    }
  }

  /** The backend path of a stored workbook (`filePath` is relative to `imports/`). */
  private rel(filePath: string): string {
    return path.posix.join('imports', filePath);
  }

  private scopeOf(row: HostOrgImportRow): HostOrgScope {
    return JSON.parse(row.scopeJson) as HostOrgScope;
  }

  private async fail(importId: string, e: unknown) {
    const code: ErrorCode = e instanceof ImportFailure ? e.code : 'IMPORT_FAILED';
    await this.store.repos.hostOrgImports.patch(importId, { status: 'failed', failureCode: code });
    // A failed import is not run again (a new upload is): its file goes.
    const row = await this.store.repos.hostOrgImports.get(importId);
    if (row) await this.files.remove(this.rel(row.filePath));
    if (!(e instanceof ImportFailure)) throw e;
  }

  /**
   * Streams the first worksheet: checks the header row, then hands data rows over in batches of
   * IMPORT_BATCH (blank rows skipped). Never holds more than one batch of rows.
   */
  private async scan(row: HostOrgImportRow, onBatch: (batch: { row: number; cells: CellInput[] }[]) => Promise<void>) {
    // Read from the backend (this process may not be the one that received it); gone: the import fails.
    const file = await this.files.open(this.rel(row.filePath));
    if (!file) throw new ImportFailure('IMPORT_FAILED');
    const width = LEDGER_COLUMNS.length;
    let batch: { row: number; cells: CellInput[] }[] = [];
    let sawHeader = false;
    let rows = 0;
    const reader = utf8SafeReader(file);
    try {
      for await (const sheet of reader) {
        for await (const r of sheet) {
          const values = r.values as unknown[];
          const cells: CellInput[] = [];
          for (let i = 1; i <= width; i++) cells.push(cellInput(values[i]));
          if (!sawHeader) {
            const all: CellInput[] = [];
            for (let i = 1; i < values.length; i++) all.push(cellInput(values[i]));
            if (!headersMatch(all)) throw new ImportFailure('IMPORT_WRONG_TEMPLATE');
            sawHeader = true;
            continue;
          }
          if (isBlankRow(cells)) continue;
          rows++;
          batch.push({ row: r.number, cells });
          if (batch.length >= IMPORT_BATCH) {
            const b = batch;
            batch = [];
            await onBatch(b);
          }
        }
        break; // the first worksheet only (the dictionary sheet follows it)
      }
    } catch (e) {
      if (e instanceof ImportFailure) throw e;
      // Before the header row nothing of ours ran: the file is not a readable workbook.
      if (!sawHeader) throw new ImportFailure('IMPORT_NOT_XLSX');
      throw e;
    } finally {
      // The rest of the file (the sheets after the first, or all of it after a failure) is not read.
      file.destroy();
    }
    if (!sawHeader) throw new ImportFailure('IMPORT_EMPTY');
    if (batch.length) await onBatch(batch);
    if (rows === 0) throw new ImportFailure('IMPORT_EMPTY');
  }

  /** Parses and resolves one batch: each row's write (with the record it would change) or its errors. */
  private async evaluate(
    repos: Repos,
    lookups: Lookups,
    seen: Set<string>,
    scope: HostOrgScope,
    batch: { row: number; cells: CellInput[] }[],
  ): Promise<Evaluated[]> {
    const parsed = batch.map((b) => ({ ...b, p: parseRow(b.cells) }));
    await lookups.loadRegions(
      repos,
      parsed.flatMap((x) => (x.p.values ? [x.p.values.regionCode] : [])),
    );
    const codes = parsed.flatMap((x) => (x.p.values ? [x.p.values.creditCode] : []));
    const existing = new Map(
      (await repos.hostOrgImports.byCreditCodes([...new Set(codes)])).map((h) => [h.creditCode, h]),
    );
    const colIndex = new Map(LEDGER_COLUMNS.map((c, i) => [c.key, i]));
    const header = (k: keyof LedgerValues) => LEDGER_COLUMNS[colIndex.get(k)!]!.header;
    return parsed.map(({ row, cells, p }) => {
      const errors: StoredError[] = [];
      const err = (k: keyof LedgerValues | null, code: ImportRowErrorCode) =>
        errors.push({
          row,
          column: k ? header(k) : null,
          code,
          value: k ? cut(cells[colIndex.get(k)!]) : null,
        });
      if (!p.values) {
        const byHeader = new Map(LEDGER_COLUMNS.map((c, i) => [c.header, i]));
        for (const e of p.errors) {
          errors.push({
            row,
            column: e.column,
            code: e.code as ImportRowErrorCode,
            value: cut(cells[byHeader.get(e.column)!]),
          });
        }
        // A duplicate is still a duplicate when the row has other errors.
        return { row, write: null, existing: null, errors };
      }
      const v = p.values;
      if (seen.has(v.creditCode)) err('creditCode', 'duplicate_in_file');
      seen.add(v.creditCode);
      if (!lookups.regions.get(v.regionCode)) err('regionCode', 'unknown_region');
      const managing = lookups.org(v.managingOrg);
      if ('code' in managing) err('managingOrg', managing.code);
      let partyOrgId: string | null = null;
      if (v.partyOrg) {
        const party = lookups.org(v.partyOrg);
        if ('code' in party) err('partyOrg', party.code);
        else partyOrgId = party.id;
      }
      const instructorId = v.instructor ? lookups.instructor(v.instructor) : null;
      if (v.instructor && !instructorId) err('instructor', 'instructor_unknown');
      const specialistUserId = v.specialist ? lookups.specialist(v.specialist) : null;
      if (v.specialist && !specialistUserId) err('specialist', 'specialist_unknown');
      const leaderContactUserId = v.leaderContact ? lookups.user(v.leaderContact) : null;
      if (v.leaderContact && !leaderContactUserId) err('leaderContact', 'leader_contact_unknown');
      const found = existing.get(v.creditCode) ?? null;
      if (
        found &&
        !scope.all &&
        (found.deletedAt !== null || !(lookups.canWrite(found.managingOrgId) || lookups.canWrite(found.partyOrgId)))
      ) {
        err('creditCode', 'existing_out_of_scope');
      }
      // The ledger is checked once the references it reads (Party organisation, instructor) resolved,
      // so that a row lists its ledger errors beside its other ones.
      const refsFailed = 'code' in managing || errors.some((e) => e.column === header('partyOrg'));
      if (refsFailed || (v.instructor && !instructorId)) return { row, write: null, existing: null, errors };
      // The ledger as the form derives it (one function): a blank kind follows the link, a blank flag
      // keeps the stored one; what the derivation would drop, or a contradiction, is a bad row.
      const input: LedgerInput = {
        partyOrgId,
        instructorId,
        staffCount: v.staffCount,
        orgCoverageKind: v.orgCoverageKind ?? undefined,
        orgFormedOn: v.orgFormedOn,
        notFormedReason: v.notFormedReason,
        notFormedNote: v.notFormedNote,
        liaisonName: v.liaisonName,
        workCoveredSince: v.workCoveredSince,
        hasFixedPremises: v.hasFixedPremises ?? undefined,
        operatingNormally: v.operatingNormally ?? undefined,
        leaderContactUserId,
      };
      const { ledger, problems } = deriveLedger(input, found);
      for (const p of problems) {
        if (p.field === 'partyOrgId') err('partyOrg', 'party_org_required');
        else err('partyOrg', 'party_org_with_none');
      }
      // With a contradiction the kind is in doubt: what applies to it is reported once that is fixed.
      if (!problems.length) for (const k of droppedLedgerFields(input, ledger)) err(k, 'not_applicable');
      // 未组建 needs its reason; a record stored as 未组建 without one (written before the rule) may
      // stay so, so that its export re-imports unchanged.
      const reasonExempt = found?.orgCoverageKind === 'none' && found.notFormedReason === null;
      if (ledger.orgCoverageKind === 'none' && !ledger.notFormedReason && !problems.length && !reasonExempt) {
        err('notFormedReason', 'reason_required');
      }
      if (errors.length) return { row, write: null, existing: null, errors };
      const write: ImportWrite = {
        name: v.name,
        creditCode: v.creditCode,
        category: HOST_ORG_TYPE_CATEGORY[v.type as HostOrgType],
        type: v.type,
        industry: v.industry,
        sizeClass: v.sizeClass,
        regionCode: v.regionCode,
        park: v.park,
        address: v.address,
        staffCount: v.staffCount,
        partyMemberCount: v.partyMemberCount,
        managingOrgId: managing.id,
        partyOrgId,
        instructorId,
        specialistUserId,
        ...ledger,
      };
      return { row, write, existing: found, errors };
    });
  }

  /** Writes one batch's valid rows: inserts, updates where something differs, and one summary audit row. */
  private async applyBatch(repos: Repos, imp: HostOrgImportRow, evaluated: Evaluated[], batchNo: number) {
    const now = nowIso();
    const inserts = [];
    const updatedCodes: string[] = [];
    const updated: { id: string; before: AssignedFields; after: AssignedFields }[] = [];
    let unchanged = 0;
    for (const e of evaluated) {
      if (!e.write) continue;
      if (!e.existing) {
        inserts.push({ id: newId(), ...e.write, createdAt: now, updatedAt: now, createdBy: imp.createdBy });
        continue;
      }
      const before = e.existing;
      const differs = COMPARED.some((k) => (before[k] ?? null) !== (e.write![k] ?? null));
      if (!differs) {
        unchanged++;
        continue;
      }
      await repos.hostOrgImports.updateHostOrg(before.id, e.write);
      if (e.write.managingOrgId && e.write.managingOrgId !== before.managingOrgId)
        await repos.demands.moveHostOrgInSummary(before.id, before.managingOrgId, e.write.managingOrgId);
      updatedCodes.push(e.write.creditCode);
      updated.push({ id: before.id, before, after: e.write });
    }
    await repos.hostOrgImports.insertHostOrgs(inserts);
    await this.recordAssignments(repos, imp, [
      ...inserts.map((i) => ({ id: i.id, before: null, after: i })),
      ...updated,
    ]);
    if (inserts.length || updatedCodes.length) {
      const first = evaluated[0]?.row ?? 0;
      const last = evaluated.at(-1)?.row ?? 0;
      await repos.audit.record(
        { userId: imp.createdBy, userName: null, ip: null, requestId: `import-${imp.id}` },
        {
          action: 'update',
          entityType: 'host_org',
          entityId: null,
          entityLabel: `台账导入 ${imp.filename}（第 ${batchNo} 批，第 ${first}–${last} 行）`,
          scopeOrgId: imp.scopeOrgId,
          changes: [
            { field: 'created', before: null, after: inserts.map((i) => i.creditCode).join(',') },
            { field: 'updated', before: null, after: updatedCodes.join(',') },
          ].filter((c) => c.after),
        },
      );
    }
    return { created: inserts.length, updated: updatedCodes.length, unchanged };
  }

  /**
   * The assignment history follows an imported row as it follows a manual change (host-orgs.service
   * `recordAssignments`): for each kind whose holder changed, the open row is closed today and, when
   * someone new holds it, a row opens today, assigned by the importer with the file as the reason.
   */
  private async recordAssignments(
    repos: Repos,
    imp: HostOrgImportRow,
    changed: { id: string; before: AssignedFields | null; after: AssignedFields }[],
  ) {
    if (changed.length === 0) return;
    const today = shanghaiDate();
    const holder = (kind: (typeof ASSIGNMENT_KINDS)[number], r: AssignedFields | null): string | null =>
      r === null
        ? null
        : kind === 'instructor'
          ? r.instructorId
          : kind === 'specialist'
            ? r.specialistUserId
            : kind === 'leader_contact'
              ? r.leaderContactUserId
              : r.liaisonName;
    const close = new Map<string, string[]>();
    const open: { hostOrgId: string; kind: string; person: string }[] = [];
    for (const c of changed) {
      for (const kind of ASSIGNMENT_KINDS) {
        const was = holder(kind, c.before) ?? null;
        const now = holder(kind, c.after) ?? null;
        if (was === now) continue;
        if (c.before) close.set(kind, [...(close.get(kind) ?? []), c.id]);
        if (now) open.push({ hostOrgId: c.id, kind, person: now });
      }
    }
    for (const [kind, ids] of close) await repos.hostOrgImports.closeAssignments(ids, kind, today);
    if (open.length === 0) return;
    const names = await repos.hostOrgImports.personNames(
      [...new Set(open.filter((o) => o.kind === 'instructor').map((o) => o.person))],
      [...new Set(open.filter((o) => o.kind === 'specialist' || o.kind === 'leader_contact').map((o) => o.person))],
    );
    await repos.hostOrgImports.insertAssignments(
      open.map((o) => ({
        id: newId(),
        hostOrgId: o.hostOrgId,
        kind: o.kind,
        personId: o.kind === 'liaison' ? null : o.person,
        personName: o.kind === 'liaison' ? o.person : (names.get(o.person) ?? o.person),
        startedOn: today,
        assignedBy: imp.createdBy,
        reason: `台账导入：${imp.filename}`.slice(0, 200),
      })),
    );
  }

  // ——— template and export ———

  /** The import template: the header row, a hidden dictionary sheet, drop-downs on dictionary columns. */
  async template(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = '头雁';
    const ws = wb.addWorksheet(LEDGER_SHEET);
    const dicts = wb.addWorksheet(DICT_SHEET, { state: 'hidden' });
    ws.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    // A derived column (三有) is greyed: exported for reading, never read back.
    LEDGER_COLUMNS.forEach((c, i) => {
      if (c.readOnly) ws.getRow(1).getCell(i + 1).font = { bold: true, color: { argb: 'FF999999' } };
    });
    const regions = await this.store.repos.hostOrgImports.regionList();
    const ROWS = 5000;
    let dictCol = 0;
    LEDGER_COLUMNS.forEach((c, i) => {
      let values: string[] | null = null;
      if (c.dict) values = Object.values(c.dict).map((l) => l['zh-CN']);
      else if (c.list === 'regions') values = regions.map((r) => r.code);
      if (!values) return;
      dictCol++;
      const col = dicts.getColumn(dictCol);
      col.values = [c.header, ...values];
      const letter = col.letter;
      const target = ws.getColumn(i + 1).letter;
      const formula = `'${DICT_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`;
      for (let r = 2; r <= ROWS + 1; r++) {
        ws.getCell(`${target}${r}`).dataValidation = {
          type: 'list',
          allowBlank: !c.required,
          formulae: [formula],
          showErrorMessage: true,
          errorTitle: c.header,
          error: '请从下拉列表中选择',
        };
      }
    });
    // Region names beside their codes, for people looking them up.
    dictCol++;
    dicts.getColumn(dictCol).values = ['行政区划名称', ...regions.map((r) => r.name)];
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /**
   * The ledger in the caller's read scope with exactly the template's columns, streamed (a
   * WorkbookWriter over a stream, rows fetched 1000 at a time). Text that a spreadsheet would take
   * for a formula (= + - @ first) is written as a text cell with the text number format.
   */
  async exportLedger(ctx: RequestContext): Promise<Readable> {
    const scope = hostOrgReadScope(ctx.actor);
    const repos = this.store.repos;
    const lookups = await Lookups.load(repos, scope);
    const out = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = LEDGER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const write = async () => {
      let after: string | null = null;
      for (;;) {
        const rows = await repos.hostOrgs.ledgerBatch(scope, after, 1000);
        if (!rows.length) break;
        await lookups.loadRegions(
          repos,
          rows.map((r) => r.regionCode),
        );
        for (const h of rows) {
          const v: LedgerValues = {
            name: h.name,
            creditCode: h.creditCode,
            type: h.type,
            industry: h.industry,
            sizeClass: h.sizeClass,
            regionCode: h.regionCode,
            regionName: lookups.regions.get(h.regionCode) ?? null,
            park: h.park,
            address: h.address,
            staffCount: h.staffCount,
            partyMemberCount: h.partyMemberCount,
            managingOrg: lookups.orgPath(h.managingOrgId) ?? '',
            partyOrg: lookups.orgPath(h.partyOrgId),
            instructor: lookups.instructorOf(h.instructorId),
            specialist: lookups.loginOf(h.specialistUserId),
            orgCoverageKind: h.orgCoverageKind as OrgCoverageKind,
            orgFormedOn: h.orgFormedOn,
            notFormedReason: h.notFormedReason as NotFormedReason | null,
            notFormedNote: h.notFormedNote,
            liaisonName: h.liaisonName,
            workCoveredSince: h.workCoveredSince,
            hasFixedPremises: h.hasFixedPremises === 1,
            operatingNormally: h.operatingNormally === 1,
            leaderContact: lookups.userLoginOf(h.leaderContactUserId),
            threeHas: h.threeHas === 1,
          };
          const r = ws.addRow(LEDGER_COLUMNS.map((c) => c.format(v[c.key] as never)));
          r.eachCell((cell) => {
            if (looksLikeFormula(cell.value)) cell.numFmt = '@';
          });
          r.commit();
        }
        after = rows.at(-1)!.id;
        // Let the stream drain before the next batch.
        if (out.writableNeedDrain) await new Promise((res) => out.once('drain', res));
      }
      ws.commit();
      await wb.commit();
    };
    write().catch((e: unknown) => out.destroy(e as Error));
    return out;
  }
}
