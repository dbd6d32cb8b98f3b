import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/paging/page-query.dto';

/** The filters of getfaces.do, as query parameters. */
export class RegistrationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: [-1, 0, 1, 2, 3], default: -1, description: '0 pending, 1 approved, 2 processed, 3 rejected, -1 all' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsIn([-1, 0, 1, 2, 3])
  state?: number;

  @ApiPropertyOptional({ description: 'substring of the name or the phone number', maxLength: 50, example: '张' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  fields?: string;
}

export class PossibleDuplicateDto {
  @ApiProperty({ example: 7 }) id: number;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ example: '13800138001' }) phone: string;
  @ApiProperty({ example: 1, description: 'state of that registration' }) state: number;
  @ApiProperty({ example: 0.93, description: 'face similarity on the 0..1 scale, at least FACE_MATCH_THRESHOLD' }) score: number;
}

export class RegistrationDto {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: 'FR12', description: 'the user id on the door terminals (see /api/admin/people/{personId}/doors)' }) personId: string;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ example: '13800138000' }) telNo: string;
  @ApiProperty({ example: '800138000' }) cardNo: string;
  @ApiProperty({ example: 2, description: '0 pending, 1 approved, 2 processed (on every terminal), 3 rejected' }) state: number;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) applyTime: string;
  @ApiProperty({ example: 'http://localhost:3000/files/faces/2026/11/0f8fad5b-d9cb-469f-a165-70867728950e.jpg' }) imgUrl: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-22T08:05:00.000Z' }) reviewedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'admin' }) reviewedBy: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'terminal "Lobby" refused the person (30002): terminal answered 30002 No Face Detected In The Image',
    description: 'why a terminal refused the person for good; cleared once every terminal holds them',
  })
  provisioningError: string | null;
  @ApiProperty({
    type: [PossibleDuplicateDto],
    nullable: true,
    description:
      'other registrations (not rejected) whose face matches this one above FACE_MATCH_THRESHOLD, best first: "this face is already registered as 张三". ' +
      '[] when none; null when it cannot be told yet (the photo is not analysed yet or shows no face, or the face index is loading)',
  })
  possibleDuplicates: PossibleDuplicateDto[] | null;
}

export class RegistrationPageDto {
  @ApiProperty({ type: [RegistrationDto] }) items: RegistrationDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
