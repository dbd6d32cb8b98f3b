import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A visitor application (访客申请): who comes, to see whom, when. Its people are VisitPerson rows. */
@Entity('visit_application')
@Index('IX_visit_application_proposer', ['proposer', 'id'])
@Index('IX_visit_application_interviewee_phone', ['intervieweePhone', 'id'])
// PostgreSQL's trigram and character indexes for substring search (its baseline migration makes them; TypeORM cannot describe them).
@Index('IX_visit_application_name_trgm', { synchronize: false })
@Index('IX_visit_application_interviewee_trgm', { synchronize: false })
@Index('IX_visit_application_name_chars', { synchronize: false })
@Index('IX_visit_application_interviewee_chars', { synchronize: false })
@Index('IX_visit_application_phone', ['phone', 'id'])
@Index('IX_visit_application_start_time', ['startTime'])
@Index('IX_visit_application_end_time', ['endTime'])
@Index('IX_visit_application_is_auth', ['isAuth', 'id'])
export class VisitApplication {
  @PrimaryGeneratedColumn()
  id: number;

  /** 1: visitor (the only type the spec defines). */
  @Column({ type: Number })
  subjectType: number;

  /** The main visitor. */
  @Column({ type: String, length: 80 })
  name: string;

  @Column({ type: String, length: 20 })
  phone: string;

  /** 0 other, 1 interview, 2 business, 3 family and friends, 4 delivery. */
  @Column({ type: Number })
  purpose: number;

  @Column({ type: String, length: 255 })
  remark: string;

  @Column({ type: String, length: 200 })
  comeFrom: string;

  /** Phone number of who applied: the visitor, or the employee inviting them. */
  @Column({ type: String, length: 20 })
  proposer: string;

  @Column({ type: String, length: 80 })
  interviewee: string;

  @Column({ type: String, length: 20 })
  intervieweePhone: string;

  @Column({ type: Number })
  employeeId: number;

  /** The interviewee's department when the application was made. */
  @Column({ type: String, length: 80 })
  department: string;

  @Column({ type: Date })
  startTime: Date;

  @Column({ type: Date })
  endTime: Date;

  @Column({ type: String, length: 50 })
  groupIds: string;

  @Column({ type: Boolean })
  isAuth: boolean;

  @Column({ type: Date, nullable: true })
  authorisedAt: Date | null;

  @Column({ type: Date, nullable: true })
  signinTime: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;

  /** The employee binding that authorised it (or invited); null when no weixinUserId came with the authorisation. */
  @Column({ type: Number, nullable: true })
  authorisedByBindingId: number | null;
}
