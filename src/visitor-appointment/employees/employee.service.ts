import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Raw, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { Page, PageRequest, pageOffset } from '../../common/paging/page';
import { containsPattern } from '../../database/like-pattern';
import { isUniqueViolation } from '../../database/unique-violation';
import { MAINLAND_MOBILE, MAINLAND_MOBILE_RULE } from '../../common/validation/mainland-mobile';
import { ImportReportDto, ImportRowDto } from './dto/employee.dto';
import { readEmployeeCsv } from './employee-csv';
import { WechatBinding } from '../bindings/wechat-binding.entity';
import { Employee } from './employee.entity';

export interface EmployeeInput {
  name: string;
  phone: string;
  department?: string;
}

/** The employee directory. */
@Injectable()
export class EmployeeService {
  constructor(
    @InjectRepository(Employee) private readonly employees: Repository<Employee>,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(input: EmployeeInput): Promise<Employee> {
    const now = this.clock.now();
    return this.unique(() =>
      this.employees.save(this.employees.create({ name: input.name.trim(), phone: input.phone, department: input.department?.trim() ?? '', createdAt: now, updatedAt: now })),
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
    return this.unique(() => this.employees.save(employee));
  }

  /** Their WeChat bindings go with them: a binding to nobody would block the user from binding again. */
  async remove(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(Employee, { id });
      if (!result.affected) throw new NotFoundError(`no employee ${id}`);
      await manager.delete(WechatBinding, { employeeId: id, kind: 'employee' });
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
    const pattern = search ? containsPattern(search.trim()) : undefined;
    const like = pattern ? Raw((column) => `${column} LIKE :pattern ESCAPE '\\'`, { pattern }) : undefined;
    const [items, total] = await this.employees.findAndCount({
      where: like ? [{ name: like }, { phone: like }, { department: like }] : {},
      order: { name: 'ASC', id: 'ASC' },
      skip: pageOffset(request),
      take: request.size,
    });
    return { items, total, page: request.page, size: request.size };
  }

  /** Imports `name,phone,department` rows: new phones are created, known phones updated, bad rows reported. */
  async import(file: Buffer): Promise<ImportReportDto> {
    const { rows, encoding } = readEmployeeCsv(file);
    const now = this.clock.now();
    const report: ImportReportDto = { created: 0, updated: 0, rejected: 0, encoding, rows: [] };
    const seen = new Set<string>();
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Employee);
      for (const row of rows) {
        const reason = this.problemOf(row, seen);
        const entry: ImportRowDto = { line: row.line, name: row.name, phone: row.phone, outcome: 'rejected' };
        if (reason) {
          report.rows.push({ ...entry, reason });
          report.rejected += 1;
          continue;
        }
        seen.add(row.phone);
        const existing = await repository.findOneBy({ phone: row.phone });
        await repository.save(Object.assign(existing ?? repository.create({ phone: row.phone, createdAt: now }), { name: row.name, department: row.department, updatedAt: now }));
        const outcome = existing ? 'updated' : 'created';
        report[outcome] += 1;
        report.rows.push({ ...entry, outcome });
      }
    });
    return report;
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
