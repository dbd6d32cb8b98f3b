import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../database/unit-of-work';
import { HotelFace } from './hotel-face.entity';

/** The one writer of hotel_face; each write joins the caller's unit of work (with its events), or stands alone. */
@Injectable()
export class HotelFaceWriter {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** A face registered, or the one it replaces, as given (its id set). */
  async save(face: HotelFace): Promise<void> {
    await this.repository().save(face);
  }

  /** Every face of the group. */
  async removeGroup(groupId: number): Promise<void> {
    await this.repository().delete({ groupId });
  }

  private repository() {
    return this.unitOfWork.manager().getRepository(HotelFace);
  }
}
