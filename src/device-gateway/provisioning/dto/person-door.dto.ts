import { ApiProperty } from '@nestjs/swagger';

/** Where one person stands on one target terminal. */
export class PersonDoorDto {
  @ApiProperty({ example: 3 }) terminalId: number;
  @ApiProperty({ example: 'Main gate' }) terminalName: string;
  @ApiProperty({
    enum: ['on-door', 'pending', 'failed', 'removed', 'none'],
    description: 'on-door: the terminal holds the person; pending: being written or removed (with backoff); failed: refused for good; removed: taken off; none: no grant for this terminal',
  })
  state: 'on-door' | 'pending' | 'failed' | 'removed' | 'none';
  @ApiProperty({ example: 2 }) attempts: number;
  @ApiProperty({ example: 30002, nullable: true, type: Number }) lastErrorCode: number | null;
  @ApiProperty({ example: 'terminal answered 30002 No Face Detected In The Image', nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-22T08:00:00.000Z' }) updatedAt: string | null;
}

export class RetryDto {
  @ApiProperty({ example: true, description: 'false when the person was already where they belong on that terminal' }) retried: boolean;
}
