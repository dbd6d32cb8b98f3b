import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A face group (人员库) of the hotel API; group 1, "默认人员库", always exists. */
@Entity('face_group')
@Index('UQ_face_group_name', ['name'], { unique: true })
export class FaceGroup {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 20 })
  name: string;

  @Column({ type: String, length: 500 })
  content: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
