import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The state of a terminal's record-push WebSocket. */
export type RecordLinkState = 'disconnected' | 'connecting' | 'connected' | 'denied';

/** A face-recognition door terminal (face-terminal-openapi.md). */
@Entity('terminal')
@Index('UQ_terminal_name', ['name'], { unique: true })
@Index('UQ_terminal_address', ['host', 'port'], { unique: true })
@Index('UQ_terminal_device_id', ['deviceId'], { unique: true, where: '"device_id" IS NOT NULL' })
export class Terminal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 64 })
  name: string;

  @Column({ type: String, length: 255 })
  host: string;

  /** HTTP OpenAPI port (8899 by default). */
  @Column({ type: Number })
  port: number;

  /** Record-push WebSocket port (9000 by default). */
  @Column({ type: Number })
  wsPort: number;

  /** The terminal's password, sealed with DATA_SECRET_KEY (SecretBox); never returned. */
  @Column({ type: String, length: 300 })
  passwordSealed: string;

  /** Disabled terminals get no requests, no record link and no provisioning. */
  @Column({ type: Boolean })
  enabled: boolean;

  /** Whether access grants are provisioned onto this terminal. */
  @Column({ type: Boolean })
  provisioning: boolean;

  /** `deviceID` the terminal reports (and names itself by in its callbacks). */
  @Column({ type: String, length: 32, nullable: true })
  deviceId: string | null;

  @Column({ type: String, length: 32, nullable: true })
  deviceName: string | null;

  @Column({ type: String, length: 32, nullable: true })
  deviceModel: string | null;

  @Column({ type: String, length: 32, nullable: true })
  appVersion: string | null;

  @Column({ type: String, length: 32, nullable: true })
  webVersion: string | null;

  @Column({ type: String, length: 16 })
  linkState: RecordLinkState;

  /** Last time the terminal answered or sent anything. */
  @Column({ type: Date, nullable: true })
  lastSeenAt: Date | null;

  @Column({ type: String, length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: Date, nullable: true })
  lastErrorAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;

  /** Since when the terminal refuses FaceGate's password (null: it does not); see TerminalBackoff. */
  @Column({ type: Date, nullable: true })
  credentialsRefusedAt: Date | null;
}
