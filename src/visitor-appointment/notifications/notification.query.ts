import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Reads of visitor notifications that need SQL of their own. */
@Injectable()
export class NotificationQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** Messages waiting to be sent and failed for good, by state. */
  async unsentByState(): Promise<{ state: string; n: number }[]> {
    const rows: { state: string; n: number }[] = await this.dataSource.query(
      `SELECT state, COUNT(*) AS n FROM notification WHERE state IN ('pending', 'failed') GROUP BY state`,
    );
    return rows.map((row) => ({ state: row.state, n: Number(row.n) }));
  }
}
