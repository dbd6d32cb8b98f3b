import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PreparedSql } from '../../database/prepared-query';
import { UnitOfWork } from '../../database/unit-of-work';
import { AccessRecord } from './access-record.entity';

/** Columns of access_record and the properties they come from (one prepared insert, run per row). */
const INSERT_COLUMNS: [string, keyof AccessRecord][] = [
  ['terminal_id', 'terminalId'],
  ['kind', 'kind'],
  ['source', 'source'],
  ['record_id', 'recordId'],
  ['signed_at', 'signedAt'],
  ['user_id', 'userId'],
  ['name', 'name'],
  ['user_type', 'userType'],
  ['input_type', 'inputType'],
  ['similarity', 'similarity'],
  ['temperature', 'temperature'],
  ['temperature_state', 'temperatureState'],
  ['wear_mask', 'wearMask'],
  ['wear_mask_alarm', 'wearMaskAlarm'],
  ['ic_number', 'icNumber'],
  ['id_number', 'idNumber'],
  ['device_mark', 'deviceMark'],
  ['door_opened', 'doorOpened'],
  ['avatar_key', 'avatarKey'],
  ['extra', 'extra'],
  ['received_at', 'receivedAt'],
];

/** The one writer of access_record: records come in (all of a batch or none), and their captured faces go. */
@Injectable()
export class AccessRecordWriter {
  private readonly insert: PreparedSql;

  constructor(
    dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {
    const columns = INSERT_COLUMNS.map(([column]) => column).join(', ');
    const values = INSERT_COLUMNS.map(([, property]) => `:${property}`).join(', ');
    // A record another instance (or a backfill) stored meanwhile is skipped, not a failure of the batch.
    this.insert = new PreparedSql(
      dataSource,
      dataSource.options.type === 'mssql'
        ? `INSERT INTO access_record (${columns}) OUTPUT INSERTED.id
           SELECT ${values} WHERE NOT EXISTS (SELECT 1 FROM access_record WITH (UPDLOCK, HOLDLOCK) WHERE terminal_id = :terminalId AND record_id = :recordId)`
        : `INSERT INTO access_record (${columns}) VALUES (${values})
           ON CONFLICT (terminal_id, record_id) WHERE record_id IS NOT NULL DO NOTHING RETURNING id`,
    );
  }

  /** Inserts the rows in one unit of work and gives each its id; the rows stored, without those already there. */
  async insertAll(rows: AccessRecord[]): Promise<AccessRecord[]> {
    return this.unitOfWork.run(async (manager) => {
      const stored: AccessRecord[] = [];
      for (const row of rows) {
        const [inserted] = await this.insert.rows(Object.fromEntries(INSERT_COLUMNS.map(([, property]) => [property, row[property]])), manager);
        if (!inserted) continue;
        row.id = Number(inserted.id);
        stored.push(row);
      }
      return stored;
    });
  }

  /** The records stay, without their captured faces (whose files the caller removes). */
  async forgetSnapshots(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.unitOfWork.manager().getRepository(AccessRecord).update({ id: In(ids) }, { avatarKey: null });
  }
}
