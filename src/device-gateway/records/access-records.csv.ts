import { Injectable } from '@nestjs/common';
import { AccessRecord } from './access-record.entity';
import { isDenied } from './access-record.filter';
import { AccessRecordQuery } from './access-record.query';
import { AccessRecordQueryDto } from './dto/access-record.dto';

const BATCH = 1000;
const HEADER = ['id', 'time', 'terminal', 'user id', 'name', 'user type', 'input', 'similarity', 'temperature', 'door opened', 'result'];

/** A cell as Excel reads it: quoted when needed, and never a formula (CSV injection). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV export of access records, produced batch by batch (keyset on signed time and id) as the client reads. */
@Injectable()
export class AccessRecordsCsv {
  constructor(private readonly query: AccessRecordQuery) {}

  async *lines(filter: AccessRecordQueryDto): AsyncGenerator<string> {
    yield `\uFEFF${HEADER.join(',')}\r\n`;
    let after: AccessRecord | undefined;
    for (;;) {
      const rows = await this.query.batch(filter, after, BATCH);
      if (rows.length === 0) return;
      yield rows
        .map((r) =>
          [r.id, r.signedAt.toISOString(), r.terminalId, r.userId, r.name, r.userType, r.inputType, r.similarity, r.temperature, r.doorOpened, isDenied(r) ? 'denied' : 'passed']
            .map(cell)
            .join(','),
        )
        .join('\r\n')
        .concat('\r\n');
      after = rows[rows.length - 1];
    }
  }
}
