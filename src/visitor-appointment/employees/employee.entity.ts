import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The employee directory: visits are made to employees, and only employees may bind as one. */
@Entity('employee')
@Index('UQ_employee_phone', ['phone'], { unique: true })
@Index('IX_employee_name', ['name'])
export class Employee {
  /** The employee's `subject_id` on the wire. */
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 80 })
  name: string;

  @Column({ type: String, length: 20 })
  phone: string;

  @Column({ type: String, length: 80 })
  department: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
