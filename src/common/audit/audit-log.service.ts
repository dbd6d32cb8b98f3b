import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../clock/clock';
import { Page, PageRequest, pageOffset } from '../paging/page';
import { containsPattern, containsSql } from '../../database/like-pattern';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  target?: string | null;
  outcome: string;
  address: string;
}

export interface AuditFilter {
  actor?: string;
  /** Part of the action. */
  action?: string;
  from?: Date;
  to?: Date;
}

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** The append-only audit log (the database refuses updates and deletes of its rows). */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger(AuditLog.name);

  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly clock: Clock,
  ) {}

  /** Records an entry; a failure to record is logged, never the caller's failure. */
  async record(entry: AuditRecord): Promise<void> {
    try {
      await this.entries.insert({
        at: this.clock.now(),
        actor: clip(entry.actor, 100),
        action: clip(entry.action, 200),
        target: entry.target ? clip(entry.target, 200) : null,
        outcome: clip(entry.outcome, 300),
        address: clip(entry.address, 64),
      });
    } catch (error) {
      this.logger.error(`could not write the audit log: ${(error as Error).message}`);
    }
  }

  /** Newest first. */
  async page(filter: AuditFilter, request: PageRequest): Promise<Page<AuditEntry>> {
    const query = this.entries.createQueryBuilder('a');
    if (filter.actor) query.andWhere('a.actor = :actor', { actor: filter.actor });
    if (filter.action) query.andWhere(containsSql(query.connection, 'a.action', 'action'), { action: containsPattern(filter.action) });
    if (filter.from) query.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.at <= :to', { to: filter.to });
    const [items, total] = await query.orderBy('a.id', 'DESC').skip(pageOffset(request)).take(request.size).getManyAndCount();
    return { items, page: request.page, size: request.size, total };
  }
}
