import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class ReviewSettingDto {
  @ApiProperty({ description: 'true: new registrations wait for review; false: they are approved at once', example: true })
  reviewRequired: boolean;

  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' })
  updatedAt: string;

  @ApiProperty({ nullable: true, example: 'admin', type: String })
  updatedBy: string | null;
}

export class UpdateReviewSettingDto {
  @ApiProperty({ example: false })
  @IsBoolean()
  reviewRequired: boolean;
}
