import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A hotel token (32 lowercase hex characters, in the URL as `?token=`). Only its SHA-256 is
 * stored, so a copy of the database holds no usable token.
 */
@Entity('hotel_token')
@Index('UQ_hotel_token_hash', ['tokenHash'], { unique: true })
@Index('IX_hotel_token_account', ['accountId', 'id'])
@Index('IX_hotel_token_expires', ['expiresAt'])
export class HotelToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 64 })
  tokenHash: string;

  @Column({ type: Number })
  accountId: number;

  /** Does not expire (`enduring` 1 at login). */
  @Column({ type: Boolean })
  enduring: boolean;

  /** A normal token dies after ten minutes unused; null for an enduring one. */
  @Column({ type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
