import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/paging/page-query.dto';
import { HotelRole } from '../hotel-account.entity';

export class HotelAccountQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'part of the phone number or the nickname', example: '1375' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  search?: string;

  @ApiPropertyOptional({ enum: ['user', 'admin'] })
  @IsOptional()
  @IsIn(['user', 'admin'])
  role?: HotelRole;
}

export class HotelRoleBody {
  @ApiProperty({ enum: ['user', 'admin'], description: 'admin may call the hotel API operations the spec reserves to administrators' })
  @IsIn(['user', 'admin'])
  role: HotelRole;
}

export class HotelAccountDto {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: '13750687010' }) username: string;
  @ApiProperty({ example: 'FatBallFish', nullable: true, type: String }) nickname: string | null;
  @ApiProperty({ example: '893721708@qq.com', nullable: true, type: String }) email: string | null;
  @ApiProperty({ enum: ['user', 'admin'] }) role: HotelRole;
  @ApiProperty({ example: true, description: 'has a password (accounts created by SMS login may not)' }) hasPassword: boolean;
  @ApiProperty({ example: true, description: 'a real-name record is bound' }) realNameBound: boolean;
  @ApiProperty({ example: false }) faceBound: boolean;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt: string;
}

export class HotelAccountPageDto {
  @ApiProperty({ type: [HotelAccountDto] }) items: HotelAccountDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
