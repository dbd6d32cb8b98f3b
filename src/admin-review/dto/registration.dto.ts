import { ApiProperty } from '@nestjs/swagger';

export class RegistrationDto {
  @ApiProperty({ example: 12 }) id: number;
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
}
