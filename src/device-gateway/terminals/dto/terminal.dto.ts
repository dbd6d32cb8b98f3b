import { ApiProperty } from '@nestjs/swagger';
import { RecordLinkState } from '../terminal.entity';

export class ProvisioningSummaryDto {
  @ApiProperty({ example: 3, description: 'people still to be written to or removed from the terminal' })
  pending: number;

  @ApiProperty({ example: 1, description: 'people the terminal refused for good (see /provisioning?state=failed)' })
  failed: number;
}

export class TerminalDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'Lobby entrance' }) name: string;
  @ApiProperty({ example: '192.168.1.20' }) host: string;
  @ApiProperty({ example: 8899 }) port: number;
  @ApiProperty({ example: 9000 }) wsPort: number;
  @ApiProperty({ example: true }) enabled: boolean;
  @ApiProperty({ example: true }) provisioning: boolean;
  @ApiProperty({ example: true, description: 'the record-push link is up' }) online: boolean;
  @ApiProperty({ enum: ['disconnected', 'connecting', 'connected', 'denied'], example: 'connected' }) linkState: RecordLinkState;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-22T08:00:00.000Z' }) lastSeenAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) lastErrorAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: "since when the terminal refuses FaceGate's password (\"credentials refused\"): it is tried every TERMINAL_CREDENTIALS_RETRY_SECONDS until it accepts or the terminal is changed",
  })
  credentialsRefusedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'while FaceGate holds back from the terminal (unreachable, or refusing the password): when it tries next' })
  nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'DC2023A0001', description: 'deviceID the terminal reports' }) deviceId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Gate 1' }) deviceName: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'DC-F8' }) deviceModel: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2.3.1' }) appVersion: string | null;
  @ApiProperty({ nullable: true, type: String, example: '1.0.9' }) webVersion: string | null;
  @ApiProperty({ type: ProvisioningSummaryDto }) provisioningTasks: ProvisioningSummaryDto;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 48211,
    description: "the terminal's record id up to which every record is stored (or declared lost); null before the first backfill",
  })
  recordsCompleteUpTo: number | null;
  @ApiProperty({ example: 0, description: 'records FaceGate could not recover (see /record-losses)' }) recordsLost: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: -600,
    description: "the terminal's clock minus the service's, in seconds, once measured (after the terminal refused a timestamp); requests are signed with its time",
  })
  clockOffsetSeconds: number | null;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-22T08:00:00.000Z' }) updatedAt: string;
}

export class TerminalPageDto {
  @ApiProperty({ type: [TerminalDto] }) items: TerminalDto[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 20 }) size: number;
  @ApiProperty({ example: 1 }) total: number;
}
