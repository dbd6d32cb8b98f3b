import { Injectable } from '@nestjs/common';
import { unixSeconds } from '../../common/clock/unix-seconds';
import { FileStorage } from '../../common/storage/file-storage';
import { ApplicationDto, RetinueDto, SignedRetinueDto, VisitRecordDto } from './dto/application.dto';
import { VisitApplication } from './visit-application.entity';
import { VisitPerson } from './visit-person.entity';
import { VisitPhotos } from './visit-photos';

/** Where a QR code's PNG is stored in the public area. */
export function qrImageKey(qrcode: string): string {
  return `qrcodes/${qrcode}.png`;
}

/** What a QR code encodes: the application id and the person's random code. */
export function qrContent(applicationId: number, qrcode: string): string {
  return JSON.stringify({ id: applicationId, qrcode });
}

/** An application with its people: the main visitor first, then the companions in the order given. */
export interface Visit {
  application: VisitApplication;
  people: VisitPerson[];
}

/** Renders visits as the H5 pages and the back office read them: integers for times, ids and flags. */
@Injectable()
export class VisitPresenter {
  constructor(
    private readonly storage: FileStorage,
    private readonly photos: VisitPhotos,
  ) {}

  application({ application: a, people }: Visit): ApplicationDto {
    const [main, ...retinues] = people;
    return {
      id: a.id,
      subject_id: main.id,
      subject_type: a.subjectType,
      name: a.name,
      phone: a.phone,
      purpose: a.purpose,
      remark: a.remark,
      come_from: a.comeFrom,
      proposer: a.proposer,
      interviewee: a.interviewee,
      interviewee_phone: a.intervieweePhone,
      department: a.department,
      start_time: unixSeconds(a.startTime),
      end_time: unixSeconds(a.endTime),
      group_ids: a.groupIds,
      photo: this.photos.url(main.photoKey),
      is_auth: a.isAuth ? 1 : 0,
      retinues: retinues.map((p) => this.retinue(p)),
    };
  }

  record(visit: Visit): VisitRecordDto {
    const main = visit.people[0];
    return {
      ...this.application(visit),
      signin_time: visit.application.signinTime ? unixSeconds(visit.application.signinTime) : 0,
      ...this.qr(visit.application.id, main),
      retinues: visit.people.slice(1).map((p) => ({ ...this.retinue(p), ...this.qr(visit.application.id, p) })),
    };
  }

  qr(applicationId: number, person: VisitPerson): Pick<SignedRetinueDto, 'qrcode' | 'qrcode_img_url'> {
    return person.qrcode
      ? { qrcode: qrContent(applicationId, person.qrcode), qrcode_img_url: this.storage.publicUrl(qrImageKey(person.qrcode)) }
      : { qrcode: '', qrcode_img_url: '' };
  }

  private retinue(p: VisitPerson): RetinueDto {
    return { subject_id: p.id, name: p.name, phone: p.phone, photo: this.photos.url(p.photoKey) };
  }
}
