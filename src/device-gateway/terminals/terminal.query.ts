import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedSql } from '../../database/prepared-query';

/** Reads of terminals that need SQL of their own. */
@Injectable()
export class TerminalQuery {
  private readonly links: PreparedSql;
  private readonly refused: PreparedSql;
  private readonly enabled: PreparedSql;

  constructor(dataSource: DataSource) {
    this.links = new PreparedSql(dataSource, 'SELECT link_state AS state, COUNT(*) AS n FROM terminal WHERE enabled = :true GROUP BY link_state');
    this.refused = new PreparedSql(dataSource, 'SELECT COUNT(*) AS n FROM terminal WHERE enabled = :true AND credentials_refused_at IS NOT NULL');
    this.enabled = new PreparedSql(dataSource, 'SELECT id FROM terminal WHERE enabled = :true ORDER BY id');
  }

  /** The ids of the enabled terminals, ascending. */
  async enabledIds(): Promise<number[]> {
    return (await this.enabled.rows({})).map((row) => Number(row.id));
  }

  /** Enabled terminals by the state of their record link. */
  async linkStates(): Promise<{ state: string; n: number }[]> {
    return (await this.links.rows({})).map((row) => ({ state: String(row.state), n: Number(row.n) }));
  }

  /** Enabled terminals that refuse FaceGate's password. */
  refusingCredentials(): Promise<number> {
    return this.refused.number();
  }
}
