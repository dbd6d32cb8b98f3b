import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A range of a terminal's record ids that FaceGate never stored and the terminal no longer holds. */
@Entity('record_loss')
@Index('IX_record_loss_terminal', ['terminalId', 'id'])
export class RecordLoss {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Number })
  terminalId: number;

  @Column({ type: Number })
  firstRecordId: number;

  @Column({ type: Number })
  lastRecordId: number;

  /** signTime of the stored records on either side of the range (the terminal's clock). */
  @Column({ type: Date })
  previousSignedAt: Date;

  @Column({ type: Date })
  nextSignedAt: Date;

  @Column({ type: String, length: 300 })
  reason: string;

  @Column({ type: Date })
  detectedAt: Date;
}
