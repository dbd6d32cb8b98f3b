import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The original `Face_System.State`: whether new registrations wait for review. A single row, id 1. */
@Entity('registration_policy')
export class RegistrationPolicy {
  @PrimaryColumn({ type: Number })
  id: number;

  @Column({ type: Boolean })
  reviewRequired: boolean;

  @Column({ type: Date })
  updatedAt: Date;

  @Column({ type: String, length: 100, nullable: true })
  updatedBy: string | null;
}
