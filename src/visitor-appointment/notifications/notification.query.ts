import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedSql } from '../../database/prepared-query';

/** Reads of visitor notifications that need SQL of their own. */
@Injectable()
export class NotificationQuery {
  private readonly unsent: PreparedSql;

  constructor(dataSource: DataSource) {
    this.unsent = new PreparedSql(dataSource, `SELECT state, COUNT(*) AS n FROM notification WHERE state IN ('pending', 'failed') GROUP BY state`);
  }

  /** Messages waiting to be sent and failed for good, by state. */
  async unsentByState(): Promise<{ state: string; n: number }[]> {
    return (await this.unsent.rows({})).map((row) => ({ state: String(row.state), n: Number(row.n) }));
  }
}
