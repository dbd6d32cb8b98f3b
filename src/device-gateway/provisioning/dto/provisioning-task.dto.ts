import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/paging/page-query.dto';
import { TaskState } from '../provisioning-task.entity';

export class ProvisioningTasksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'done', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'done', 'failed'])
  state?: TaskState;
}

export class ProvisioningTaskDto {
  @ApiProperty({ example: 7 }) id: number;
  @ApiProperty({ example: 'FR12', description: 'the user id on the terminal' }) personId: string;
  @ApiProperty({ example: '张三', nullable: true, type: String }) name: string | null;
  @ApiProperty({ example: 'face-registration', nullable: true, type: String }) source: string | null;
  @ApiProperty({ example: '12', nullable: true, type: String }) sourceId: string | null;
  @ApiProperty({ enum: ['upsert', 'delete'], example: 'upsert' }) action: string;
  @ApiProperty({ enum: ['pending', 'done', 'failed'], example: 'failed' }) state: TaskState;
  @ApiProperty({ example: true, description: 'the person is on the terminal as far as FaceGate knows' }) onTerminal: boolean;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) nextAttemptAt: string;
  @ApiProperty({ example: 30002, nullable: true, type: Number }) lastErrorCode: number | null;
  @ApiProperty({ example: 'terminal answered 30002 No Face Detected In The Image', nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) updatedAt: string;
}

export class ProvisioningTaskPageDto {
  @ApiProperty({ type: [ProvisioningTaskDto] }) items: ProvisioningTaskDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
