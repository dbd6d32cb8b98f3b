import { applyDecorators, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/** The largest id a row can have: every id column is a 32-bit integer on SQLite, SQL Server and PostgreSQL alike. */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * A row id from the path: digits only, 1 to MAX_ROW_ID. A larger number cannot name a row; it is
 * refused here, the same way on every database (PostgreSQL would refuse it in the query, SQLite
 * would look it up).
 */
@Injectable()
export class RowIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!isRowId(id)) throw new BadRequestException(`the id must be a whole number from 1 to ${MAX_ROW_ID} (got "${String(value).slice(0, 40)}")`);
    return id;
  }
}

/** Whether `id` can name a row (anything else names none, on every database). */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ROW_ID;
}

/** A row id in a query or body: a whole number from 1 to MAX_ROW_ID. */
export function IsRowId(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(1), Max(MAX_ROW_ID));
}
