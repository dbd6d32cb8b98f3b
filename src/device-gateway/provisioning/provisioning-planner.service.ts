import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { AccessGrant, GrantSource } from './access-grant.entity';
import { ProvisioningTasks } from './provisioning-tasks.service';
import { PreparedSql } from '../../database/prepared-query';
import { UnitOfWork } from '../../database/unit-of-work';
import { forUpdate } from '../../database/row-lock';

export interface GrantInput {
  personId: string;
  source: GrantSource;
  sourceId: string;
  userType: number;
  name: string;
  phone: string;
  cardNumber: string;
  photoUrl: string;
  startTime: Date | null;
  endTime: Date | null;
}

function sameGrant(grant: AccessGrant, input: GrantInput): boolean {
  return (
    grant.active &&
    grant.userType === input.userType &&
    grant.name === input.name &&
    grant.phone === input.phone &&
    grant.cardNumber === input.cardNumber &&
    grant.photoUrl === input.photoUrl &&
    grant.startTime?.getTime() === input.startTime?.getTime() &&
    grant.endTime?.getTime() === input.endTime?.getTime()
  );
}

/**
 * The transactional half of provisioning: every change to a grant plans its tasks (one per target
 * terminal) in the caller's transaction, so what must reach the terminals is never lost.
 */
@Injectable()
export class ProvisioningPlanner {
  private readonly announcement: PreparedSql;

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly tasks: ProvisioningTasks,
    private readonly clock: Clock,
  ) {
    this.announcement = new PreparedSql(
      dataSource,
      `UPDATE access_grant SET announced_version = :version
       WHERE id = :grantId AND active = :true AND version = :version AND (announced_version IS NULL OR announced_version <> :version)`,
    );
  }

  /** Makes the person's grant current on every target terminal; null when nothing changed (a redelivered event). */
  async grant(manager: EntityManager, input: GrantInput): Promise<AccessGrant | null> {
    const repository = manager.getRepository(AccessGrant);
    // Held until the change is written: two changes at once must not both take the next version.
    const existing = await repository.findOne({ where: { personId: input.personId }, lock: forUpdate(this.dataSource) });
    if (existing && sameGrant(existing, input)) return null;
    const now = this.clock.now();
    const grant = existing ?? repository.create({ version: 0, announcedVersion: null, createdAt: now });
    Object.assign(grant, input, { active: true, version: grant.version + 1, updatedAt: now });
    await repository.save(grant);
    await this.tasks.plan(manager, grant, 'upsert');
    return grant;
  }

  /** Takes the person off every terminal; null when there was no active grant. */
  async revoke(manager: EntityManager, personId: string): Promise<AccessGrant | null> {
    const repository = manager.getRepository(AccessGrant);
    const grant = await repository.findOne({ where: { personId }, lock: forUpdate(this.dataSource) });
    if (!grant?.active) return null;
    Object.assign(grant, { active: false, version: grant.version + 1, updatedAt: this.clock.now() });
    await repository.save(grant);
    await this.tasks.plan(manager, grant, 'delete');
    return grant;
  }

  /** The grant's version is on every terminal and is to be announced: false when it changed or was announced meanwhile. */
  async claimAnnouncement(grantId: number, version: number): Promise<boolean> {
    return (await this.announcement.execute({ grantId, version }, this.unitOfWork.manager())) > 0;
  }
}
