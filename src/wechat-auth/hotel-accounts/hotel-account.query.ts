import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PageRequest, pageOffset } from '../../common/paging/page';
import { containsPattern, containsSql } from '../../database/like-pattern';
import { HotelAccount, HotelRole } from './hotel-account.entity';

/** Reads of hotel accounts that need SQL of their own. */
@Injectable()
export class HotelAccountQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** Accounts newest first, whose phone or nickname contains `search`, of `role`; with their number. */
  page(filter: { search?: string; role?: HotelRole }, request: PageRequest): Promise<[HotelAccount[], number]> {
    const builder = this.dataSource.getRepository(HotelAccount).createQueryBuilder('a');
    if (filter.search) {
      builder.andWhere(`(${containsSql(this.dataSource, 'a.username', 'like')} OR ${containsSql(this.dataSource, 'a.nickname', 'like')})`, { like: containsPattern(filter.search) });
    }
    if (filter.role) builder.andWhere('a.role = :role', { role: filter.role });
    return builder.orderBy('a.id', 'DESC').skip(pageOffset(request)).take(request.size).getManyAndCount();
  }
}
