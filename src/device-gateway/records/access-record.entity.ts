import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What produced the record: the WebSocket push (8.3.3, and its backfill 8.3.2) or a callback (chapter 9). */
export type RecordKind = 'recognition' | 'face' | 'attribute' | 'result' | 'heartbeat';
export type RecordSource = 'push' | 'backfill' | 'callback';

/** Everything a terminal reported. Photos live in files (private storage), unknown fields in `extra`. */
@Entity('access_record')
@Index('UQ_access_record_terminal_record', ['terminalId', 'recordId'], { unique: true, where: '"record_id" IS NOT NULL' })
@Index('IX_access_record_signed_at', ['signedAt', 'id'])
@Index('IX_access_record_terminal_signed_at', ['terminalId', 'signedAt'])
@Index('IX_access_record_user_signed_at', ['userId', 'signedAt'])
export class AccessRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Number })
  terminalId: number;

  @Column({ type: String, length: 12 })
  kind: RecordKind;

  @Column({ type: String, length: 10 })
  source: RecordSource;

  /** The terminal's own record id (pushed records); the key that makes storing idempotent. */
  @Column({ type: Number, nullable: true })
  recordId: number | null;

  @Column({ type: Date })
  signedAt: Date;

  @Column({ type: String, length: 40, nullable: true })
  userId: string | null;

  @Column({ type: String, length: 80, nullable: true })
  name: string | null;

  /** 1 employee, 2 visitor, 3 blacklist, -1 stranger. */
  @Column({ type: Number, nullable: true })
  userType: number | null;

  /** 1 face, 2 QR code, 3 card, 4 UUID. */
  @Column({ type: Number, nullable: true })
  inputType: number | null;

  @Column({ type: Number, nullable: true })
  similarity: number | null;

  @Column({ type: 'float', nullable: true })
  temperature: number | null;

  @Column({ type: Number, nullable: true })
  temperatureState: number | null;

  @Column({ type: Boolean, nullable: true })
  wearMask: boolean | null;

  @Column({ type: Boolean, nullable: true })
  wearMaskAlarm: boolean | null;

  @Column({ type: String, length: 40, nullable: true })
  icNumber: string | null;

  @Column({ type: String, length: 40, nullable: true })
  idNumber: string | null;

  @Column({ type: String, length: 64, nullable: true })
  deviceMark: string | null;

  /** /syface: whether FaceGate told the terminal to open. */
  @Column({ type: Boolean, nullable: true })
  doorOpened: boolean | null;

  /** Storage key of the captured face (private area). */
  @Column({ type: String, length: 200, nullable: true })
  avatarKey: string | null;

  /** Fields FaceGate does not model, as JSON; longer JSON goes to a file named here as {"$file": key}. */
  @Column({ type: String, length: 4000, nullable: true })
  extra: string | null;

  @Column({ type: Date })
  receivedAt: Date;
}
