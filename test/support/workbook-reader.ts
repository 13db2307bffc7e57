import * as ExcelJS from 'exceljs';
import request from 'supertest';

/** A cell of an error report: the report writes plain values only, never formulas or rich text. */
export type PlainCell = string | number | boolean | Date | null | undefined;

/** Reads a binary response body as a Buffer. */
export const binary = (req: request.Test): request.Test =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Each sheet as rows of cell values (the first column first). */
export async function sheets(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const out: Record<string, unknown[][]> = {};
  for (const ws of (await loadWorkbook(bytes)).worksheets) {
    out[ws.name] = [];
    ws.eachRow({ includeEmpty: false }, (row) => out[ws.name].push((row.values as unknown[]).slice(1)));
  }
  return out;
}
