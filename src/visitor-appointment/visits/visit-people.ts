import { EntityManager } from 'typeorm';
import { VisitPerson } from './visit-person.entity';

/** The people of an application: the main visitor first, then the companions in the order given. */
export function visitPeople(manager: EntityManager, applicationId: number): Promise<VisitPerson[]> {
  return manager.getRepository(VisitPerson).find({ where: { applicationId }, order: { id: 'ASC' } });
}
