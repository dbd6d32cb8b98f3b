import { TerminalAddressPolicy } from '../terminal-api/terminal-address.policy';
import { TerminalLinkChanged } from '../../events';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { SecretBox } from '../../common/crypto/secret-box';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { Page, PageRequest, pageOffset } from '../../common/paging/page';
import { isUniqueViolation } from '../../database/unique-violation';
import { ProvisioningTasks } from '../provisioning/provisioning-tasks.service';
import { TerminalAvailability, TerminalBackoff } from '../terminal-api/terminal-backoff';
import { TerminalEndpoint, TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { TerminalChanged } from './terminal-changed.event';
import { RecordLinkState, Terminal } from './terminal.entity';
import { UnitOfWork } from '../../database/unit-of-work';

export interface TerminalInput {
  name: string;
  host: string;
  port: number;
  wsPort: number;
  password: string;
  enabled: boolean;
  provisioning: boolean;
}

/** The terminals FaceGate runs: their addresses, sealed passwords and what is known of their state. */
@Injectable()
export class TerminalRegistry implements OnModuleInit {
  private readonly logger = new Logger(TerminalRegistry.name);

  constructor(
    @InjectRepository(Terminal) private readonly terminals: Repository<Terminal>,
    private readonly unitOfWork: UnitOfWork,
    private readonly tasks: ProvisioningTasks,
    private readonly client: TerminalHttpClient,
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly addresses: TerminalAddressPolicy,
    private readonly backoff: TerminalBackoff,
  ) {
    backoff.onChange((id, now) => void this.recordAvailability(id, now));
  }

  /** A refusal of the credentials known before a restart still waits out its time. */
  async onModuleInit(): Promise<void> {
    for (const terminal of await this.terminals.findBy({ credentialsRefusedAt: Not(IsNull()) })) {
      this.backoff.restoreRefusal(terminal.id, terminal.credentialsRefusedAt!, terminal.lastError ?? 'the terminal refused the password');
    }
  }

  async create(input: TerminalInput): Promise<Terminal> {
    await this.addresses.check(input.host);
    const now = this.clock.now();
    const terminal = await this.write(async (manager) => {
      const created = await manager.getRepository(Terminal).save(
        manager.getRepository(Terminal).create({
          ...this.fields(input),
          deviceId: null,
          deviceName: null,
          deviceModel: null,
          appVersion: null,
          webVersion: null,
          linkState: 'disconnected',
          lastSeenAt: null,
          lastError: null,
          lastErrorAt: null,
          credentialsRefusedAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      if (this.isTarget(created)) await this.tasks.coverTerminal(manager, created.id);
      return created;
    });
    this.logger.log(`terminal #${terminal.id} "${terminal.name}" registered at ${terminal.host}:${terminal.port}`);
    this.changed(terminal.id);
    return terminal;
  }

  async update(id: number, patch: Partial<TerminalInput>): Promise<Terminal> {
    if (patch.host !== undefined) await this.addresses.check(patch.host);
    const terminal = await this.write(async (manager) => {
      const repository = manager.getRepository(Terminal);
      const current = await repository.findOneBy({ id });
      if (!current) throw new NotFoundError(`no terminal ${id}`);
      const wasTarget = this.isTarget(current);
      const { password, ...rest } = patch;
      Object.assign(current, rest, password !== undefined ? { passwordSealed: this.secrets.seal(password) } : {}, {
        updatedAt: this.clock.now(),
      });
      await repository.save(current);
      if (!wasTarget && this.isTarget(current)) await this.tasks.coverTerminal(manager, current.id);
      return current;
    });
    this.client.forget(id);
    this.changed(id);
    return terminal;
  }

  async remove(id: number): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      const result = await manager.getRepository(Terminal).delete({ id });
      if (!result.affected) throw new NotFoundError(`no terminal ${id}`);
      await this.tasks.forgetTerminal(manager, id);
    });
    this.client.forget(id);
    this.changed(id, true);
    this.logger.log(`terminal #${id} removed`);
  }

  async get(id: number): Promise<Terminal> {
    const terminal = await this.terminals.findOneBy({ id });
    if (!terminal) throw new NotFoundError(`no terminal ${id}`);
    return terminal;
  }

  async page(request: PageRequest): Promise<Page<Terminal>> {
    const [items, total] = await this.terminals.findAndCount({ order: { id: 'ASC' }, skip: pageOffset(request), take: request.size });
    return { items, total, page: request.page, size: request.size };
  }

  enabled(): Promise<Terminal[]> {
    return this.terminals.findBy({ enabled: true });
  }

  findByDeviceId(deviceId: string): Promise<Terminal | null> {
    return this.terminals.findOneBy({ deviceId });
  }

  /** Address and password, ready to sign requests. */
  endpoint(terminal: Terminal): TerminalEndpoint {
    return { id: terminal.id, host: terminal.host, port: terminal.port, wsPort: terminal.wsPort, password: this.secrets.open(terminal.passwordSealed) };
  }

  /** Terminals that receive access grants. */
  isTarget(terminal: Pick<Terminal, 'enabled' | 'provisioning'>): boolean {
    return terminal.enabled && terminal.provisioning;
  }

  async recordSeen(id: number, device?: { deviceID?: string; deviceName?: string; deviceMoel?: string; appVer?: string; webVer?: string }): Promise<void> {
    const now = this.clock.now();
    const fields: Partial<Terminal> = { lastSeenAt: now, lastError: null, lastErrorAt: null };
    if (device) {
      Object.assign(fields, {
        deviceId: device.deviceID ? String(device.deviceID).slice(0, 32) : null,
        deviceName: device.deviceName?.slice(0, 32) ?? null,
        deviceModel: device.deviceMoel?.slice(0, 32) ?? null,
        appVersion: device.appVer?.slice(0, 32) ?? null,
        webVersion: device.webVer?.slice(0, 32) ?? null,
      });
    }
    try {
      await this.terminals.update({ id }, fields);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.recordError(id, `another terminal already reports deviceID ${device?.deviceID}: check the addresses`);
    }
  }

  async recordError(id: number, message: string): Promise<void> {
    await this.terminals.update({ id }, { lastError: message.slice(0, 500), lastErrorAt: this.clock.now() });
  }

  async recordLinkState(id: number, linkState: RecordLinkState): Promise<void> {
    const now = this.clock.now();
    await this.terminals.update({ id }, { linkState, ...(linkState === 'connected' ? { lastSeenAt: now } : {}) });
    await this.announce(id, now);
  }

  /** The door is marked "credentials refused" (since when), or no longer; a terminal that answers again has no error. */
  private async recordAvailability(id: number, now: TerminalAvailability): Promise<void> {
    const refused = now.waiting === 'credentials-refused';
    try {
      const fields: Partial<Terminal> = { credentialsRefusedAt: refused ? now.since : null };
      if (refused) Object.assign(fields, { lastError: now.reason!.slice(0, 500), lastErrorAt: now.since });
      if (!now.waiting) Object.assign(fields, { lastSeenAt: this.clock.now(), lastError: null, lastErrorAt: null });
      await this.terminals.update({ id }, fields);
      // The record link does not dial while the password is refused: it is refused too, not still connecting.
      if (refused) await this.terminals.update({ id, linkState: Not('connected') }, { linkState: 'denied' });
      await this.announce(id, this.clock.now());
    } catch (error) {
      this.logger.error(`terminal #${id}: cannot record whether it answers: ${(error as Error).message}`);
    }
  }

  /** Tells the consoles what state the door is in now. */
  private async announce(id: number, at: Date): Promise<void> {
    const terminal = await this.terminals.findOne({ where: { id }, select: { id: true, linkState: true, credentialsRefusedAt: true } });
    if (!terminal) return;
    this.emitter.emit(
      TerminalLinkChanged.eventName,
      new TerminalLinkChanged({ terminalId: id, linkState: terminal.linkState, credentialsRefusedAt: terminal.credentialsRefusedAt?.toISOString() ?? null, at: at.toISOString() }),
    );
  }

  private fields(input: TerminalInput) {
    const { password, ...rest } = input;
    return { ...rest, passwordSealed: this.secrets.seal(password) };
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.unitOfWork.run(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('another terminal has this name or this host and port');
      throw error;
    }
  }

  private changed(terminalId: number, removed = false): void {
    this.emitter.emit(TerminalChanged.eventName, new TerminalChanged(terminalId, removed));
  }
}
