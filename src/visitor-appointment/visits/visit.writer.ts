import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work';
import { VisitApplication } from './visit-application.entity';
import { VisitPerson } from './visit-person.entity';
import { Visit } from './visit-presenter';

export type NewApplication = Omit<VisitApplication, 'id'>;
export type NewVisitPerson = Omit<VisitPerson, 'id' | 'applicationId'>;
export type Authorisation = Pick<VisitApplication, 'isAuth' | 'authorisedAt' | 'authorisedByBindingId'>;

/**
 * The one writer of a visit: visit_application and its visit_person rows. Each write joins the
 * caller's unit of work (which stages the messages and events that go with it), or is one of its own. The claims
 * (authorise, sign in) change the row only if no one else did first, on every database.
 */
@Injectable()
export class VisitWriter {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** The application and its people, the main visitor first. */
  create(fields: NewApplication, people: NewVisitPerson[]): Promise<Visit> {
    return this.unitOfWork.run(async (manager) => {
      const applications = manager.getRepository(VisitApplication);
      const application = await applications.save(applications.create(fields));
      const persons = manager.getRepository(VisitPerson);
      const saved: VisitPerson[] = [];
      for (const person of people) saved.push(await persons.save(persons.create({ ...person, applicationId: application.id })));
      return { application, people: saved };
    });
  }

  /** False when the visit was authorised already (by a concurrent tap, say). */
  async authorise(id: number, authorisation: Authorisation, now: Date): Promise<boolean> {
    const claimed = await this.unitOfWork.manager().getRepository(VisitApplication).update({ id, isAuth: false }, { ...authorisation, updatedAt: now });
    return Boolean(claimed.affected);
  }

  /** The visits wait for authorisation again (their authoriser's binding went). */
  async withdrawAuthorisation(ids: number[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.unitOfWork
      .manager()
      .getRepository(VisitApplication)
      .update({ id: In(ids) }, { isAuth: false, authorisedAt: null, authorisedByBindingId: null, updatedAt: now });
  }

  /** Signs the visit in and gives each person their QR code (codes[i] to people[i]); false when it was signed in already. */
  signIn(id: number, now: Date, people: VisitPerson[], codes: string[]): Promise<boolean> {
    return this.unitOfWork.run(async (manager) => {
      const claimed = await manager
        .getRepository(VisitApplication)
        .createQueryBuilder()
        .update()
        .set({ signinTime: now, updatedAt: now })
        .where('id = :id AND signin_time IS NULL', { id })
        .execute();
      if (!claimed.affected) return false;
      for (const [index, person] of people.entries()) await manager.getRepository(VisitPerson).update(person.id, { qrcode: codes[index] });
      return true;
    });
  }

  /** The application and its people go. */
  remove(id: number): Promise<void> {
    return this.unitOfWork.run(async (manager) => {
      await manager.getRepository(VisitPerson).delete({ applicationId: id });
      await manager.getRepository(VisitApplication).delete({ id });
    });
  }

  /** The people's photos are forgotten (the files are the caller's to discard). */
  async erasePhotos(personIds: number[]): Promise<void> {
    if (personIds.length === 0) return;
    await this.unitOfWork.manager().getRepository(VisitPerson).update({ id: In(personIds) }, { photoKey: null });
  }
}
