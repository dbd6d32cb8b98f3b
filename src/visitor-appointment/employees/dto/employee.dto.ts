import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/paging/page-query.dto';
import { IsMainlandMobile } from '../../../common/validation/mainland-mobile';
import { Omittable } from '../../../common/validation/omittable';

export class CreateEmployeeDto {
  @ApiProperty({ example: '李四', maxLength: 80 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name: string;

  @ApiProperty({ example: '13811111111', description: 'mainland mobile number; unique in the directory' })
  @IsString()
  @IsMainlandMobile()
  phone: string;

  @ApiPropertyOptional({ example: '法务部', maxLength: 80 })
  @Omittable()
  @IsString()
  @MaxLength(80)
  department?: string;
}

export class UpdateEmployeeDto extends PartialType(CreateEmployeeDto, { skipNullProperties: false }) {}

export class EmployeeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'substring of the name, phone or department', example: '法务' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  q?: string;
}

export class EmployeeDto {
  @ApiProperty({ example: 13562, description: "the employee's subject_id" }) id: number;
  @ApiProperty({ example: '李四' }) name: string;
  @ApiProperty({ example: '13811111111' }) phone: string;
  @ApiProperty({ example: '法务部' }) department: string;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) updatedAt: string;
}

export class EmployeePageDto {
  @ApiProperty({ type: [EmployeeDto] }) items: EmployeeDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}

/** A line of the file that was not imported, and why. */
export class ImportRowDto {
  @ApiProperty({ example: 3, description: 'line of the file' }) line: number;
  @ApiProperty({ example: '王五' }) name: string;
  @ApiProperty({ example: '1390000' }) phone: string;
  @ApiProperty({ example: 'phone must be a mainland mobile number' }) reason: string;
}

export class ImportReportDto {
  @ApiProperty({ example: 10 }) created: number;
  @ApiProperty({ example: 2 }) updated: number;
  @ApiProperty({ example: 1 }) rejected: number;
  @ApiProperty({ example: 'gbk', description: 'the character set the file was read in' }) encoding: string;
  @ApiProperty({ type: [ImportRowDto], description: 'the rejected lines with their reasons, the first 1,000 (rejected counts them all)' }) rows: ImportRowDto[];
}
