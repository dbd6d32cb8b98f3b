import { parse } from 'csv-parse';
import { Readable } from 'node:stream';

export interface CsvEmployeeRow {
  line: number;
  name: string;
  phone: string;
  department: string;
}

const HEADER = /^(name|姓名)$/i;
/** The text is fed to the parser in slices, so a large file never holds the event loop for long. */
const SLICE = 64 * 1024;

/** The file's rows as they are parsed, and the character set it was read in. */
export interface EmployeeCsv {
  encoding: string;
  rows: AsyncIterable<CsvEmployeeRow>;
}

/**
 * Reads `name,phone,department` rows. Excel on Chinese Windows saves CSV as GBK: a file that is not
 * valid UTF-8 is read as GBK. A first row naming the columns is skipped. The parser throws on
 * broken CSV while the rows are read.
 */
export function readEmployeeCsv(bytes: Buffer): EmployeeCsv {
  let text: string;
  let encoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    encoding = 'gbk';
    text = new TextDecoder('gbk').decode(bytes);
  }
  text = text.replace(/^\uFEFF/, '');
  const slices = Array.from({ length: Math.ceil(text.length / SLICE) }, (_, i) => text.slice(i * SLICE, (i + 1) * SLICE));
  const parser = Readable.from(slices).pipe(parse({ relax_column_count: true, skip_empty_lines: true, trim: true, info: true }));
  return { encoding, rows: rowsOf(parser) };
}

async function* rowsOf(parser: AsyncIterable<{ record: string[]; info: { lines: number } }>): AsyncGenerator<CsvEmployeeRow> {
  let first = true;
  for await (const { record: cells, info } of parser) {
    const row = { line: info.lines, name: cells[0] ?? '', phone: (cells[1] ?? '').replace(/\s|-/g, ''), department: cells[2] ?? '' };
    if (!(first && HEADER.test(row.name))) yield row;
    first = false;
  }
}
