import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

/** Builds an .xlsx workbook with one sheet: a bold, frozen header row and the given rows. */
export async function buildWorkbook<T>(
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: readonly T[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '头雁';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a workbook as a download with a Chinese file name (RFC 5987). */
export function sendXlsx(reply: FastifyReply, filename: string, data: Buffer) {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(data);
}
