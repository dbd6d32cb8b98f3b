import { ApiProperty } from '@nestjs/swagger';

export class ReconciliationRunDto {
  @ApiProperty({ example: 31 }) id: number;
  @ApiProperty({ example: 1 }) terminalId: number;
  @ApiProperty({ enum: ['schedule', 'reconnect', 'manual'], example: 'manual' }) trigger: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'], example: 'succeeded' }) state: string;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) startedAt: string;
  @ApiProperty({ example: '2026-11-22T08:00:21.400Z', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ example: 21400, nullable: true, type: Number }) durationMs: number | null;
  @ApiProperty({ example: 1000, description: 'calls to /api/user/list' }) listCalls: number;
  @ApiProperty({ example: 10000, description: 'users on the terminal when the run began' }) terminalUsers: number;
  @ApiProperty({ example: 0 }) added: number;
  @ApiProperty({ example: 0 }) updated: number;
  @ApiProperty({ example: 0 }) removed: number;
  @ApiProperty({ example: 2, description: 'users FaceGate did not create, left alone' }) unmanaged: number;
  @ApiProperty({ example: 0, description: 'repairs the terminal did not take' }) failures: number;
  @ApiProperty({ example: null, nullable: true, type: String }) error: string | null;
}

export class ReconciliationRunPageDto {
  @ApiProperty({ type: [ReconciliationRunDto] }) items: ReconciliationRunDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
