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
    const mssql = dataSource.options.type === 'mssql';
    this.insert = new PreparedSql(
      dataSource,
      `INSERT INTO access_record (${INSERT_COLUMNS.map(([column]) => column).join(', ')})
       ${mssql ? 'OUTPUT INSERTED.id' : ''}
       VALUES (${INSERT_COLUMNS.map(([, property]) => `:${property}`).join(', ')})
       ${mssql ? '' : 'RETURNING id'}`,
    );
  }

  /** Inserts the rows in one unit of work and gives each its id. */
  async insertAll(rows: AccessRecord[]): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      for (const row of rows) {
        const [inserted] = await this.insert.rows(Object.fromEntries(INSERT_COLUMNS.map(([, property]) => [property, row[property]])), manager);
        row.id = Number(inserted.id);
      }
    });
  }

  /** The records stay, without their captured faces (whose files the caller removes). */
  async forgetSnapshots(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.unitOfWork.manager().getRepository(AccessRecord).update({ id: In(ids) }, { avatarKey: null });
  }
}
