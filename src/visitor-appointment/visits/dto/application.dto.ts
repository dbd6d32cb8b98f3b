import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsMainlandMobile } from '../../../common/validation/mainland-mobile';

/** Unix seconds up to the year 2100: anything larger is a millisecond value or garbage. */
export const MAX_UNIX_SECONDS = 4_102_444_800;
export const MAX_RETINUES = 20;
/** Room for a few base64 photos; each is also held to PHOTO_MAX_BYTES. */
export const VISIT_APPLICATION_MAX_BODY = '12mb';
export const PURPOSES = [0, 1, 2, 3, 4];

export class RetinueInput {
  @ApiProperty({ example: '王某' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name: string;

  @ApiProperty({ example: '13933333333' })
  @IsString()
  @IsMainlandMobile()
  phone: string;

  @ApiPropertyOptional({ description: 'JPEG or PNG as base64 (a data: prefix is allowed); the project leaves it empty', example: '' })
  @IsOptional()
  @IsString()
  photo?: string;
}

export class CreateApplicationBody {
  @ApiProperty({ enum: [1], description: '1: visitor' })
  @IsInt()
  @IsIn([1], { message: 'subject_type must be 1 (visitor)' })
  subject_type: number;

  @ApiProperty({ example: '张三', description: "the main visitor's name" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  name: string;

  @ApiProperty({ example: '13922222222', description: "the main visitor's phone" })
  @IsString()
  @IsMainlandMobile()
  phone: string;

  @ApiPropertyOptional({ enum: PURPOSES, default: 0, description: '0 other, 1 interview, 2 business, 3 family and friends, 4 delivery' })
  @IsOptional()
  @IsInt()
  @IsIn(PURPOSES, { message: 'purpose must be 0 to 4' })
  purpose?: number;

  @ApiPropertyOptional({ example: '' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  remark?: string;

  @ApiPropertyOptional({ example: 'ZY', description: "the visitor's organisation" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  come_from?: string;

  @ApiProperty({ example: '13922222222', description: 'phone of who applies: the visitor, or the inviting employee (then the application is authorised at once)' })
  @IsString()
  @IsMainlandMobile()
  proposer: string;

  @ApiProperty({ example: '李四', description: 'the employee visited; name and phone must match the directory' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  interviewee: string;

  @ApiProperty({ example: '13811111111' })
  @IsString()
  @IsMainlandMobile()
  interviewee_phone: string;

  @ApiProperty({ example: 1796000000, description: 'Unix seconds; not earlier than now minus VISIT_START_TOLERANCE_SECONDS' })
  @IsInt()
  @Min(0)
  @Max(MAX_UNIX_SECONDS)
  start_time: number;

  @ApiProperty({ example: 1796003600, description: 'Unix seconds; after start_time' })
  @IsInt()
  @Min(0)
  @Max(MAX_UNIX_SECONDS)
  end_time: number;

  @ApiPropertyOptional({ description: 'visitor group; kept as given (the project leaves it empty)', example: '' })
  @IsOptional()
  @Transform(({ value }) => (value === null || value === undefined ? undefined : String(value)))
  @IsString()
  @MaxLength(50)
  group_ids?: string;

  @ApiPropertyOptional({ description: "the main visitor's photo: JPEG or PNG as base64; the project leaves it empty", example: '' })
  @IsOptional()
  @IsString()
  photo?: string;

  @ApiPropertyOptional({ type: [RetinueInput], description: `companions, at most ${MAX_RETINUES}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RETINUES)
  @ValidateNested({ each: true })
  @Type(() => RetinueInput)
  retinues?: RetinueInput[];

  @ApiPropertyOptional({ description: "the applicant's WeChat openid; when given it must be bound to the proposer's phone" })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  weixinUserId?: string;
}

export class RetinueDto {
  @ApiProperty({ example: 27 }) subject_id: number;
  @ApiProperty({ example: '李四' }) name: string;
  @ApiProperty({ example: '13933333333' }) phone: string;
  @ApiProperty({ example: '', description: 'photo URL, or empty' }) photo: string;
}

export class ApplicationDto {
  @ApiProperty({ example: 428 }) id: number;
  @ApiProperty({ example: 26, description: "the main visitor's id" }) subject_id: number;
  @ApiProperty({ example: 1 }) subject_type: number;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ example: '13922222222' }) phone: string;
  @ApiProperty({ example: 3 }) purpose: number;
  @ApiProperty({ example: '' }) remark: string;
  @ApiProperty({ example: 'ZY' }) come_from: string;
  @ApiProperty({ example: '13922222222' }) proposer: string;
  @ApiProperty({ example: '李四' }) interviewee: string;
  @ApiProperty({ example: '13811111111' }) interviewee_phone: string;
  @ApiProperty({ example: '法务部', description: "the interviewee's department" }) department: string;
  @ApiProperty({ example: 1796000000 }) start_time: number;
  @ApiProperty({ example: 1796003600 }) end_time: number;
  @ApiProperty({ example: '' }) group_ids: string;
  @ApiProperty({ example: '', description: 'photo URL, or empty' }) photo: string;
  @ApiProperty({ example: 0, description: '0 waiting for the interviewee, 1 authorised' }) is_auth: number;
  @ApiProperty({ type: [RetinueDto] }) retinues: RetinueDto[];
}

export class SignedRetinueDto extends RetinueDto {
  @ApiProperty({ example: '{"id":207,"qrcode":"83bae139a9bc445384f4fc7a2df6a047"}', description: 'QR content; empty before sign-in' }) qrcode: string;
  @ApiProperty({ example: 'http://facegate.example/files/qrcodes/83bae139a9bc445384f4fc7a2df6a047.png', description: 'QR image; empty before sign-in' })
  qrcode_img_url: string;
}

export class VisitRecordDto extends ApplicationDto {
  @ApiProperty({ example: 0, description: 'sign-in time (Unix seconds); 0 before sign-in' }) signin_time: number;
  @ApiProperty({ example: '{"id":207,"qrcode":"83bae139a9bc445384f4fc7a2df6a047"}' }) qrcode: string;
  @ApiProperty({ example: 'http://facegate.example/files/qrcodes/83bae139a9bc445384f4fc7a2df6a047.png' }) qrcode_img_url: string;
  @ApiProperty({ type: [SignedRetinueDto] }) declare retinues: SignedRetinueDto[];
}

export class AuthoriseQuery {
  @ApiPropertyOptional({ description: "the authorising employee's WeChat openid (bound as that employee); here or in the JSON body" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  weixinUserId?: string;

  /** The openid from the query string or else the body; the H5 page may send it either way, or not at all. */
  static from(query: AuthoriseQuery, body: AuthoriseQuery | undefined): string | undefined {
    return query.weixinUserId ?? body?.weixinUserId;
  }
}
