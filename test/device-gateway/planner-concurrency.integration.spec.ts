import { DeviceGatewayConfig } from '../../src/config/device-gateway.config';
import { AccessGrant } from '../../src/device-gateway/provisioning/access-grant.entity';
import { GrantInput, ProvisioningPlanner } from '../../src/device-gateway/provisioning/provisioning-planner.service';
import { ProvisioningTasks } from '../../src/device-gateway/provisioning/provisioning-tasks.service';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { openTestDatabase, TestDatabase } from '../support/test-database';
import { TestClock } from '../support/test-clock';

const input = (name: string): GrantInput => ({
  personId: 'FR1',
  source: 'face-registration',
  sourceId: '1',
  userType: 1,
  name,
  phone: '13800000001',
  cardNumber: '800000001',
  photoUrl: 'http://127.0.0.1/photo.jpg',
  startTime: null,
  endTime: null,
});

/** A grant's version orders what the terminals apply: two changes at once must never share one. */
describe('grant changes at the same moment (integration)', () => {
  let db: TestDatabase;
  let planner: ProvisioningPlanner;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    db = await openTestDatabase();
    const clock = new TestClock();
    unitOfWork = new UnitOfWork(db.dataSource);
    planner = new ProvisioningPlanner(db.dataSource, unitOfWork, new ProvisioningTasks(db.dataSource, new DeviceGatewayConfig(), clock), clock);
  });

  afterAll(() => db.close());

  it('gives each of 12 simultaneous grants and revocations its own version', async () => {
    await unitOfWork.run((manager) => planner.grant(manager, input('first')));
    const changes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        unitOfWork.run((manager) => (i % 2 === 0 ? planner.revoke(manager, 'FR1') : planner.grant(manager, input(`name ${i}`)))),
      ),
    );
    const made = changes.filter((grant): grant is AccessGrant => grant !== null);
    const versions = made.map((grant) => grant.version);
    expect(new Set(versions).size).toBe(versions.length);
    const stored = await db.dataSource.getRepository(AccessGrant).findOneByOrFail({ personId: 'FR1' });
    expect(stored.version).toBe(1 + made.length);
  });
});
