import { ApiProperty } from '@nestjs/swagger';

export class RecordLossDto {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: 1 }) terminalId: number;
  @ApiProperty({ example: 119, description: "first of the terminal's record ids that were lost" }) firstRecordId: number;
  @ApiProperty({ example: 201 }) lastRecordId: number;
  @ApiProperty({ example: 83 }) count: number;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z', description: 'when the stored record before the range was made (terminal clock)' })
  previousSignedAt: string;
  @ApiProperty({ example: '2026-11-22T08:04:10.000Z', description: 'when the stored record after the range was made (terminal clock)' })
  nextSignedAt: string;
  @ApiProperty({ example: 'the terminal no longer holds them (a full read of its records did not find them)' }) reason: string;
  @ApiProperty({ example: '2026-11-22T08:05:00.000Z' }) detectedAt: string;
}

export class RecordLossPageDto {
  @ApiProperty({ type: [RecordLossDto] }) items: RecordLossDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
