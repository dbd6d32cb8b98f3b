import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../common/errors/domain-errors';

export interface CsvEmployeeRow {
  line: number;
  name: string;
  phone: string;
  department: string;
}

const HEADER = /^(name|姓名)$/i;

/**
 * Reads `name,phone,department` rows. Excel on Chinese Windows saves CSV as GBK: a file that is not
 * valid UTF-8 is read as GBK. A first row naming the columns is skipped.
 */
export function readEmployeeCsv(bytes: Buffer): { rows: CsvEmployeeRow[]; encoding: string } {
  let text: string;
  let encoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    encoding = 'gbk';
    text = new TextDecoder('gbk').decode(bytes);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true, info: true });
  } catch (error) {
    throw new InvalidInputError(`the file is not CSV: ${(error as Error).message}`);
  }
  const rows = records.map(({ record: cells, info }) => ({
    line: info.lines,
    name: cells[0] ?? '',
    phone: (cells[1] ?? '').replace(/\s|-/g, ''),
    department: cells[2] ?? '',
  }));
  return { rows: rows.length > 0 && HEADER.test(rows[0].name) ? rows.slice(1) : rows, encoding };
}
