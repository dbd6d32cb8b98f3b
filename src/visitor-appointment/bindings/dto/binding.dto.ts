import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsMainlandMobile } from '../../../common/validation/mainland-mobile';

export class WeixinUserQuery {
  @ApiProperty({ description: 'openid the official account passed to the H5 page', example: 'oX1ab2cD3eF4gH5iJ6kL7mN8' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  weixinUserId: string;
}

export class EmployeeBindingBody extends WeixinUserQuery {
  @ApiProperty({ example: '李四', description: 'must match the employee directory exactly' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name: string;

  @ApiProperty({ example: '13811111111' })
  @IsString()
  @IsMainlandMobile()
  phone: string;
}

export class VisitorBindingBody extends WeixinUserQuery {
  @ApiProperty({ example: '13911111111' })
  @IsString()
  @IsMainlandMobile()
  phone: string;

  @ApiPropertyOptional({ example: '小王', description: 'WeChat nickname, when the H5 page has it (snsapi_userinfo)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nick?: string;

  @ApiPropertyOptional({ example: 'https://thirdwx.qlogo.cn/mmopen/xxx/132', description: 'WeChat avatar URL, when the H5 page has it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  avatar?: string;
}

export class EmployeeBindingDto {
  @ApiProperty({ example: 'http://facegate.example/files/faces/2026/11/a.jpg', description: "the employee's approved face photo, else the WeChat avatar, else empty" })
  avatar: string;
  @ApiProperty({ example: '李四' }) name: string;
  @ApiProperty({ example: '法务部' }) department: string;
  @ApiProperty({ example: 13562, description: 'employee id' }) subject_id: number;
  @ApiProperty({ example: '13811111111' }) phone: string;
}

export class VisitorBindingDto {
  @ApiProperty({ example: '小王' }) nick: string;
  @ApiProperty({ example: 'https://thirdwx.qlogo.cn/mmopen/xxx/132' }) avatar: string;
  @ApiProperty({ example: '13911111111' }) phone: string;
}

export class BindingStatusDto {
  @ApiProperty({ enum: ['visitor', 'employee'] }) type: 'visitor' | 'employee';
  @ApiProperty({ example: '李四', description: "the employee's name, or the visitor's WeChat nickname" }) name: string;
  @ApiProperty({ example: '法务部', description: 'empty for a visitor' }) department: string;
  @ApiProperty({ example: 8, description: 'employee id; -1 for a visitor' }) subject_id: number;
  @ApiProperty({ example: 'https://xx.com/avatar/x.jpg' }) avatar: string;
  @ApiProperty({ example: '13811111111' }) phone: string;
}
