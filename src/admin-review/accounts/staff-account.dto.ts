import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Omittable } from '../../common/validation/omittable';
import { STAFF_ROLES, StaffRole } from '../../common/auth/staff-role';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { AdminUser } from '../admin-user.entity';

const ROLE_RULE = { message: `role must be one of ${STAFF_ROLES.join(', ')}` };

export class StaffAccountQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'a substring of the user name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class NewStaffAccountDto {
  @ApiProperty({ example: 'zhang.wei', description: 'letters, digits, ".", "_", "-" and "@"; 2 to 100 characters' })
  @IsString()
  @Matches(/^[\w.@-]{2,100}$/, { message: 'username must be 2 to 100 letters, digits or . _ - @' })
  username: string;

  @ApiProperty({ example: 'a long passphrase', description: '6 to 64 characters' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  password: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, ROLE_RULE)
  role: StaffRole;
}

export class StaffAccountChangeDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES, description: "a new role (ends the account's sessions)" })
  @Omittable()
  @IsIn(STAFF_ROLES, ROLE_RULE)
  role?: StaffRole;

  @ApiPropertyOptional({ description: "a new password set by an administrator (ends the account's sessions)" })
  @Omittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  password?: string;
}

export class OwnPasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) oldPassword: string;
  @ApiProperty({ description: '6 to 64 characters, not the old one' }) @IsString() @IsNotEmpty() @MaxLength(64) newPassword: string;
}

export class StaffAccountDto {
  @ApiProperty({ example: 2 }) id: number;
  @ApiProperty({ example: 'zhang.wei' }) username: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) passwordChangedAt: string;

  static of(account: AdminUser): StaffAccountDto {
    return { id: account.id, username: account.userName, role: account.role, createdAt: account.createdAt.toISOString(), passwordChangedAt: account.passwordChangedAt.toISOString() };
  }
}

export class StaffAccountPageDto {
  @ApiProperty({ type: [StaffAccountDto] }) items: StaffAccountDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}

export class WhoAmIDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'admin' }) username: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: StaffRole;
  @ApiProperty({ example: ['people', 'own-account'], description: 'the parts of the back office this role may change' }) writable: string[];
}
