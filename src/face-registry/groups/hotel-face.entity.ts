import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A face registered through the hotel API: one per person (real-name record) and group, its
 * face_id being that record's ID number. Registering again replaces the photo.
 */
@Entity('hotel_face')
@Index('UQ_hotel_face_group_person', ['groupId', 'realNameId'], { unique: true })
@Index('IX_hotel_face_account', ['accountId', 'updatedAt'])
@Index('IX_hotel_face_photo', ['photoKey'])
export class HotelFace {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Number })
  groupId: number;

  /** The hotel account that registered it (wechat-auth's). */
  @Column({ type: Number })
  accountId: number;

  /** The account's real-name record (wechat-auth's): the ID number and name come from there. */
  @Column({ type: Number })
  realNameId: number;

  @Column({ type: String, length: 500 })
  content: string;

  @Column({ type: String, length: 200 })
  photoKey: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
