import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEDGER_HEADERS } from '../src/modules/host-orgs/host-orgs.sheet';
import { call, multipart, type Session, type TestApp } from './harness';

/** An .xlsx with a header row (the template's by default) and the given rows. */
export async function sheet(rows: (string | number | null)[][], headers: string[] = LEDGER_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('两新组织台账');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same, written as the export writes (streamed, text inline in the cells rather than shared). */
export async function inlineSheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('两新组织台账');
  ws.addRow(LEDGER_HEADERS).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(parts);
}

export function uploadReq(data: Buffer, filename = '台账.xlsx') {
  const { body, headers } = multipart(
    {},
    {
      field: 'file',
      filename,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data,
    },
  );
  return { method: 'POST' as const, url: '/api/host-orgs/imports', payload: body, headers };
}

/** Uploads a file as `s` and waits for its dry run; returns the import view. */
export async function uploadAndWait(t: TestApp, s: Session, data: Buffer, filename?: string) {
  const r = uploadReq(data, filename);
  const res = await call(t.app, s, 'POST', r.url, r.payload, r.headers);
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  await idle(t);
  const got = await call(t.app, s, 'GET', `/api/host-orgs/imports/${res.json().id}`);
  return got.json();
}

/** Waits until every queued import job has run. */
export function idle(t: TestApp) {
  return t.services.hostOrgImports.runner.idle();
}
