import { ApiProperty } from '@nestjs/swagger';

class JavaDateDto {
  @ApiProperty({ example: 1578470400000 }) time: number;
  @ApiProperty({ example: 120 }) year: number;
  @ApiProperty({ example: 0 }) month: number;
  @ApiProperty({ example: 8 }) date: number;
  @ApiProperty({ example: 3 }) day: number;
  @ApiProperty({ example: 16 }) hours: number;
  @ApiProperty({ example: 0 }) minutes: number;
  @ApiProperty({ example: 0 }) seconds: number;
  @ApiProperty({ example: -480 }) timezoneOffset: number;
}

export class FaceRowDto {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ example: '13800138000' }) telNo: string;
  @ApiProperty({ type: JavaDateDto, description: 'a java.util.Date as the original server sent it' }) applyTime: JavaDateDto;
  @ApiProperty({ example: 'http://localhost:3000/files/faces/2026/11/0f8fad5b-d9cb-469f-a165-70867728950e.jpg' })
  imgUrl: string;
  @ApiProperty({ example: 800138000 }) cardNo: number;
  @ApiProperty({ example: 0, description: '0 pending, 1 approved, 2 processed, 3 rejected' }) state: number;
}

export class FacePageDto {
  @ApiProperty({ example: 1 }) currentPage: number;
  @ApiProperty({ example: 20 }) pageSize: number;
  @ApiProperty({ example: 1 }) totalPage: number;
  @ApiProperty({ example: 1 }) totalRecord: number;
  @ApiProperty({ type: [FaceRowDto] }) dataList: FaceRowDto[];
}

export class ImageUrlDto {
  @ApiProperty({ example: 'http://localhost:3000/files/faces/2026/11/0f8fad5b-d9cb-469f-a165-70867728950e.jpg' })
  imgUrl: string;
}
