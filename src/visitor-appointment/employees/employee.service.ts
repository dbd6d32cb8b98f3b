import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors/domain-errors';
import { insertInChunks } from '../../database/insert-in-chunks';
import { Page, PageRequest, pageOffset } from '../../common/paging/page';
import { containing } from '../../database/like-pattern';
import { isUniqueViolation } from '../../database/unique-violation';
import { MAINLAND_MOBILE, MAINLAND_MOBILE_RULE } from '../../common/validation/mainland-mobile';
import { ImportReportDto } from './dto/employee.dto';
import { CsvEmployeeRow, readEmployeeCsv } from './employee-csv';
import { EmployeeRemovalHook } from './employee-removal.hook';
import { Employee } from './employee.entity';
import { SINGLE_STATEMENT, UnitOfWork } from '../../database/unit-of-work';

export interface EmployeeInput {
  name: string;
  phone: string;
  department?: string;
}

/** Rows written per transaction by an import. */
const IMPORT_BATCH = 500;
/** Rejected rows listed in an import's report (all are counted). */
const MAX_REPORTED_ROWS = 1000;

/** The employee directory. */
@Injectable()
export class EmployeeService {
  constructor(
    @InjectRepository(Employee) private readonly employees: Repository<Employee>,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly removal: EmployeeRemovalHook,
  ) {}

  async create(input: EmployeeInput): Promise<Employee> {
    const now = this.clock.now();
    return this.unique(() =>
      this.employees.save(this.employees.create({ name: input.name.trim(), phone: input.phone, department: input.department?.trim() ?? '', createdAt: now, updatedAt: now }), SINGLE_STATEMENT),
    );
  }

  async update(id: number, input: Partial<EmployeeInput>): Promise<Employee> {
    const employee = await this.get(id);
    Object.assign(employee, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.department !== undefined ? { department: input.department.trim() } : {}),
      updatedAt: this.clock.now(),
    });
    return this.unique(() => this.employees.save(employee, SINGLE_STATEMENT));
  }

  /** Their WeChat bindings go with them: a binding to nobody would block the user from binding again. */
  async remove(id: number): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      const result = await manager.delete(Employee, { id });
      if (!result.affected) throw new NotFoundError(`no employee ${id}`);
      await this.removal.removed(id);
    });
  }

  async get(id: number): Promise<Employee> {
    const employee = await this.employees.findOneBy({ id });
    if (!employee) throw new NotFoundError(`no employee ${id}`);
    return employee;
  }

  /** The employee with exactly this name and phone, or null. */
  findByNameAndPhone(name: string, phone: string): Promise<Employee | null> {
    return this.employees.findOneBy({ name: name.trim(), phone });
  }

  async page(search: string | undefined, request: PageRequest): Promise<Page<Employee>> {
    const like = search ? containing(this.employees.manager.connection, search.trim()) : undefined;
    const [items, total] = await this.employees.findAndCount({
      where: like ? [{ name: like }, { phone: like }, { department: like }] : {},
      order: { name: 'ASC', id: 'ASC' },
      skip: pageOffset(request),
      take: request.size,
    });
    return { items, total, page: request.page, size: request.size };
  }

  /** Imports `name,phone,department` rows: new phones are created, known phones updated, bad rows reported. */
  /**
   * Imports a CSV file: it is parsed and checked whole first (broken CSV imports nothing), then
   * written in batches of IMPORT_BATCH rows, each its own short transaction with the event loop
   * free between them, so other requests are never held up for long by a large directory.
   */
  async import(file: Buffer): Promise<ImportReportDto> {
    const { rows, encoding } = readEmployeeCsv(file);
    const report: ImportReportDto = { created: 0, updated: 0, rejected: 0, encoding, rows: [] };
    const seen = new Set<string>();
    const accepted: CsvEmployeeRow[] = [];
    try {
      for await (const row of rows) {
        // Parsed rows arrive as microtasks, which never let other requests in: make room now and then.
        if (row.line % IMPORT_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
        const reason = this.problemOf(row, seen);
        if (!reason) {
          seen.add(row.phone);
          accepted.push(row);
          continue;
        }
        report.rejected += 1;
        if (report.rows.length < MAX_REPORTED_ROWS) report.rows.push({ line: row.line, name: row.name.slice(0, 80), phone: row.phone.slice(0, 20), reason });
      }
    } catch (error) {
      throw new InvalidInputError(`the file is not CSV: ${(error as Error).message}`);
    }
    for (let i = 0; i < accepted.length; i += IMPORT_BATCH) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const created = await this.writeBatch(accepted.slice(i, i + IMPORT_BATCH), this.clock.now());
      report.created += created;
      report.updated += Math.min(IMPORT_BATCH, accepted.length - i) - created;
    }
    return report;
  }

  /** One batch in one transaction; answers how many employees it created (the rest it updated). */
  private writeBatch(batch: CsvEmployeeRow[], now: Date): Promise<number> {
    return this.unitOfWork.run(async (manager) => {
      const repository = manager.getRepository(Employee);
      const existing = new Map((await repository.findBy({ phone: In(batch.map((row) => row.phone)) })).map((e) => [e.phone, e]));
      for (const row of batch.filter((r) => existing.has(r.phone))) {
        await repository.update({ id: existing.get(row.phone)!.id }, { name: row.name, department: row.department, updatedAt: now });
      }
      const fresh = batch.filter((row) => !existing.has(row.phone));
      await insertInChunks(repository, fresh.map((row) => ({ phone: row.phone, name: row.name, department: row.department, createdAt: now, updatedAt: now })));
      return fresh.length;
    });
  }

  private problemOf(row: { name: string; phone: string; department: string }, seen: Set<string>): string | null {
    if (!row.name) return 'name is empty';
    if (row.name.length > 80) return 'name is longer than 80 characters';
    if (!MAINLAND_MOBILE.test(row.phone)) return `phone ${MAINLAND_MOBILE_RULE}`;
    if (row.department.length > 80) return 'department is longer than 80 characters';
    if (seen.has(row.phone)) return 'this phone appears earlier in the file';
    return null;
  }

  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('another employee has this phone number');
      throw error;
    }
  }
}
