import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { RegistrationPolicy } from './registration-policy.entity';

const POLICY_ID = 1;

/** Whether new registrations wait for review (the original `Face_System.State`). Exported for admin-review. */
@Injectable()
export class RegistrationPolicyService {
  constructor(
    @InjectRepository(RegistrationPolicy) private readonly policies: Repository<RegistrationPolicy>,
    private readonly clock: Clock,
  ) {}

  async get(manager?: EntityManager): Promise<RegistrationPolicy> {
    const repository = manager ? manager.getRepository(RegistrationPolicy) : this.policies;
    const policy = await repository.findOneBy({ id: POLICY_ID });
    if (!policy) throw new Error('registration_policy has no row 1: the migrations did not run');
    return policy;
  }

  async setReviewRequired(reviewRequired: boolean, updatedBy: string): Promise<RegistrationPolicy> {
    await this.policies.update({ id: POLICY_ID }, { reviewRequired, updatedBy, updatedAt: this.clock.now() });
    return this.get();
  }
}
