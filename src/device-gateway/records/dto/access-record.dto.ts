import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/paging/page-query.dto';
import { IsRowId } from '../../../common/validation/row-id.pipe';

/** The filters of the record list and of its CSV export (which ignores page and size). */
export class AccessRecordQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @Type(() => Number) @IsRowId() terminalId?: number;
  @ApiPropertyOptional({ example: 'FR12', description: 'the person on the terminal' }) @IsOptional() @IsString() @MaxLength(40) userId?: string;
  @ApiPropertyOptional({ enum: [1, 2, 3, -1], description: '1 employee, 2 visitor, 3 blacklist, -1 stranger' })
  @IsOptional()
  @Type(() => Number)
  @IsIn([1, 2, 3, -1])
  type?: number;
  @ApiPropertyOptional({ enum: ['recognition', 'face', 'attribute', 'result', 'heartbeat'] })
  @IsOptional()
  @IsIn(['recognition', 'face', 'attribute', 'result', 'heartbeat'])
  kind?: string;
  @ApiPropertyOptional({ example: '2026-11-22T00:00:00Z', description: 'recognised at or after' }) @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiPropertyOptional({ example: '2026-11-23T00:00:00Z', description: 'recognised before' }) @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  @ApiPropertyOptional({ example: '张', description: 'a substring of the name the terminal reported' }) @IsOptional() @IsString() @MaxLength(40) name?: string;
  @ApiPropertyOptional({ enum: ['passed', 'denied'], description: 'denied: a stranger, a blacklisted person, or a door the terminal kept shut' })
  @IsOptional()
  @IsIn(['passed', 'denied'])
  result?: 'passed' | 'denied';
}

export class AccessRecordDto {
  @ApiProperty({ example: 1051 }) id: number;
  @ApiProperty({ example: 1 }) terminalId: number;
  @ApiProperty({ example: 'recognition', description: 'recognition (record push), face / attribute / result / heartbeat (terminal callbacks)' }) kind: string;
  @ApiProperty({ example: 'push', enum: ['push', 'backfill', 'callback'] }) source: string;
  @ApiProperty({ example: 3312, nullable: true, type: Number, description: "the terminal's record id" }) recordId: number | null;
  @ApiProperty({ example: '2026-11-22T08:01:02.000Z' }) signedAt: string;
  @ApiProperty({ example: 'FR12', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ example: '张三', nullable: true, type: String }) name: string | null;
  @ApiProperty({ example: 1, nullable: true, type: Number }) userType: number | null;
  @ApiProperty({ example: 1, nullable: true, type: Number, description: '1 face, 2 QR code, 3 card, 4 UUID' }) inputType: number | null;
  @ApiProperty({ example: 87, nullable: true, type: Number }) similarity: number | null;
  @ApiProperty({ example: 36.4, nullable: true, type: Number }) temperature: number | null;
  @ApiProperty({ example: 0, nullable: true, type: Number }) temperatureState: number | null;
  @ApiProperty({ example: true, nullable: true, type: Boolean }) wearMask: boolean | null;
  @ApiProperty({ example: null, nullable: true, type: Boolean }) wearMaskAlarm: boolean | null;
  @ApiProperty({ example: '800138000', nullable: true, type: String }) icNumber: string | null;
  @ApiProperty({ example: null, nullable: true, type: Boolean, description: '/syface: whether FaceGate opened the door' }) doorOpened: boolean | null;
  @ApiProperty({ example: false, description: 'a stranger, a blacklisted person, or a door the terminal kept shut' }) denied: boolean;
  @ApiProperty({ example: '/api/admin/access-records/1051/avatar', nullable: true, type: String }) avatarUrl: string | null;
  @ApiProperty({ example: { Temperatureunit: 'C' }, nullable: true, type: 'object', additionalProperties: true, description: 'fields FaceGate does not model' }) extra: unknown;
  @ApiProperty({ example: '2026-11-22T08:01:02.120Z' }) receivedAt: string;
}

export class AccessRecordPageDto {
  @ApiProperty({ type: [AccessRecordDto] }) items: AccessRecordDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}

export class HourlyEntriesQueryDto {
  @ApiPropertyOptional({ example: '2026-12-03', description: "a day of the site's calendar (SITE_TIMEZONE); today when left out" })
  @IsOptional()
  @Matches(/^(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a day YYYY-MM-DD between 2000 and 2099' })
  date?: string;
}

export class HourEntriesDto {
  @ApiProperty({ example: '2026-12-03T01:00:00.000Z', description: "the hour's first instant" }) start: string;
  @ApiProperty({ example: 9, description: "the hour on the site's clock" }) hour: number;
  @ApiProperty({ example: 41 }) passed: number;
  @ApiProperty({ example: 2, description: 'strangers, the blacklisted, doors kept shut' }) denied: number;
}

export class HourlyEntriesDto {
  @ApiProperty({ example: '2026-12-03' }) date: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ type: [HourEntriesDto], description: '24 hours (23 or 25 on the days the clock changes)' }) hours: HourEntriesDto[];
}
