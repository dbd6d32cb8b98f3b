import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { InvalidInputError } from '../../common/errors/domain-errors';
import { CreateEmployeeDto, EmployeeDto, EmployeePageDto, EmployeeQueryDto, ImportReportDto, UpdateEmployeeDto } from './dto/employee.dto';
import { Employee } from './employee.entity';
import { EmployeeService } from './employee.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

/** About 250,000 employees. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

function toDto(e: Employee): EmployeeDto {
  return { id: e.id, name: e.name, phone: e.phone, department: e.department, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString() };
}

@ApiTags('admin: employees')
@Controller('api/admin/employees')
@Audited()
@BackOffice('visitors')
@Authenticated('admin')
export class EmployeesController {
  constructor(private readonly employees: EmployeeService) {}

  @Post()
  @ApiOperation({ summary: 'Add an employee (visits are made to employees; employees bind their WeChat by name and phone)' })
  @ApiCreatedResponse({ type: EmployeeDto })
  async create(@Body() body: CreateEmployeeDto): Promise<EmployeeDto> {
    return toDto(await this.employees.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'List employees by name, with a substring search' })
  @ApiOkResponse({ type: EmployeePageDto })
  async list(@Query() query: EmployeeQueryDto): Promise<EmployeePageDto> {
    const page = await this.employees.page(query.q, query.toPageRequest());
    return { ...page, items: page.items.map(toDto) };
  }

  @Get(':id')
  @ApiOkResponse({ type: EmployeeDto })
  async get(@Param('id', RowIdPipe) id: number): Promise<EmployeeDto> {
    return toDto(await this.employees.get(id));
  }

  @Patch(':id')
  @ApiOkResponse({ type: EmployeeDto })
  async update(@Param('id', RowIdPipe) id: number, @Body() body: UpdateEmployeeDto): Promise<EmployeeDto> {
    return toDto(await this.employees.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id', RowIdPipe) id: number): Promise<void> {
    await this.employees.remove(id);
  }

  @Post('import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Import employees from CSV (name,phone,department)',
    description:
      'UTF-8 or GBK (as Excel saves it), at most 10 MB; a header row is skipped. Known phones are updated. Rejected rows are reported with their reasons. ' +
      'Broken CSV imports nothing; otherwise rows are written in batches of 500, so the rest of the service keeps answering during a large import.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOkResponse({ type: ImportReportDto })
  import(@UploadedFile() file: Express.Multer.File | undefined): Promise<ImportReportDto> {
    if (!file?.size) throw new InvalidInputError('a CSV file is required in the multipart part "file"');
    return this.employees.import(file.buffer);
  }
}
