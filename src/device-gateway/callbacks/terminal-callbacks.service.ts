import { FileStorage } from '../../common/storage/file-storage';
import { TerminalCallers } from './terminal-callers';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { InvalidInputError, PermissionDeniedError } from '../../common/errors/domain-errors';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { MANAGED_REMARK } from '../provisioning/terminal-user.mapper';
import { RecordKind } from '../records/access-record.entity';
import { IncomingRecord } from '../records/record-mapper';
import { RecordIngestor } from '../records/record-ingestor.service';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { Terminal } from '../terminals/terminal.entity';
import { unixSeconds } from '../../common/clock/unix-seconds';
import { ProvisioningQuery } from '../provisioning/provisioning.query';

/** One entry of the /syrecord answer (spec 9.1 as COMPAT-NOTES shows it). */
export interface FaceLibraryChange {
  operation: 'save' | 'delete';
  userId: string;
  userName: string;
  userType: string;
  userRemark: string;
  userImageUrl: string;
  operateTime: number;
}

function objectOf(value: unknown, what: string): IncomingRecord {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError(`${what} must be a JSON object`);
  return value as IncomingRecord;
}

/**
 * What terminals call on the platform (spec chapter 9). A terminal names itself by the deviceID it
 * reports from /api/device/information; unknown or disabled terminals are refused. Everything
 * posted is stored as an access record.
 */
@Injectable()
export class TerminalCallbacks {
  constructor(
    private readonly provisioning: ProvisioningQuery,
    private readonly registry: TerminalRegistry,
    private readonly ingestor: RecordIngestor,
    private readonly config: DeviceGatewayConfig,
    private readonly clock: Clock,
    private readonly callers: TerminalCallers,
    private readonly storage: FileStorage,
  ) {}

  /** `unlockDelay` of an opening answer. */
  get unlockDelayMs(): number {
    return this.config.doorUnlockDelayMs;
  }

  /** The enabled terminal of this deviceId, calling from its own address. */
  async terminal(deviceId: string, caller: string): Promise<Terminal> {
    const terminal = await this.registry.findByDeviceId(deviceId);
    if (!terminal) throw new PermissionDeniedError(`unknown device ${deviceId}`);
    if (!terminal.enabled) throw new PermissionDeniedError(`device ${deviceId} is disabled`);
    await this.callers.assertFrom(terminal, caller);
    await this.registry.recordSeen(terminal.id);
    return terminal;
  }

  /** 9.1: the face library changes for this terminal since `lastQueryTime` (0: everything it must hold). */
  async faceLibrary(terminal: Terminal, lastQueryTime: number): Promise<{ list: FaceLibraryChange[]; lastQueryTime: number }> {
    const now = this.clock.now();
    const since = new Date(lastQueryTime * 1000);
    const { tasks, grants } = await this.provisioning.changedSince(terminal.id, since);
    const list: FaceLibraryChange[] = [];
    for (const task of tasks) {
      const grant = grants.get(task.grantId);
      if (!grant || (lastQueryTime === 0 && task.action === 'delete')) continue;
      list.push({
        operation: task.action === 'upsert' ? 'save' : 'delete',
        userId: grant.personId,
        userName: grant.name,
        userType: String(grant.userType),
        userRemark: MANAGED_REMARK,
        userImageUrl: grant.photoUrl && this.storage.linkFor(grant.photoUrl),
        operateTime: unixSeconds(task.updatedAt),
      });
    }
    return { list, lastQueryTime: unixSeconds(now) };
  }

  /** 9.2: a recognised face. The door opens only for a current grant on this terminal (within a visit's window). */
  async face(terminal: Terminal, body: unknown): Promise<boolean> {
    const post = objectOf(body, 'the body');
    const personId = typeof post.userId === 'string' || typeof post.userId === 'number' ? String(post.userId) : '';
    const open = personId !== '' && (await this.mayEnter(terminal.id, personId));
    const { userName, mask, screenTime, img, ...rest } = post;
    await this.store(terminal, 'face', [{ ...rest, name: userName, wearMask: mask, signTime: screenTime, signAvatar: img }], open);
    return open;
  }

  /** 9.3: a temperature measured without a match. */
  async attribute(terminal: Terminal, body: unknown): Promise<void> {
    const { mask, screenTime, img, ...rest } = objectOf(objectOf(body, 'the body').Info, 'Info');
    await this.store(terminal, 'attribute', [{ ...rest, wearMask: mask, signTime: screenTime, signAvatar: img }]);
  }

  /** 9.4: what the terminal made of a face library change (one result, or a list of them). */
  async result(terminal: Terminal, body: unknown): Promise<void> {
    const results = objectOf(body, 'the body').resultList;
    const items = Array.isArray(results) ? results.map((r) => objectOf(r, 'resultList[]')) : [objectOf(results, 'resultList')];
    await this.store(
      terminal,
      'result',
      items.map(({ userID, ...rest }) => ({ ...rest, userId: typeof userID === 'string' ? userID.trim() : userID })),
    );
  }

  /** 9.5: the terminal is alive (kept as a record too, of kind heartbeat). */
  async heartbeat(terminal: Terminal, body: unknown): Promise<void> {
    await this.store(terminal, 'heartbeat', [objectOf(objectOf(body, 'the body').Heartinfo, 'Heartinfo')]);
  }

  private async mayEnter(terminalId: number, personId: string): Promise<boolean> {
    const grant = await this.provisioning.grantOn(personId, terminalId);
    if (!grant) return false;
    const now = this.clock.now().getTime();
    return (!grant.startTime || grant.startTime.getTime() <= now) && (!grant.endTime || now <= grant.endTime.getTime());
  }

  private async store(terminal: Terminal, kind: RecordKind, records: IncomingRecord[], doorOpened?: boolean): Promise<void> {
    await this.ingestor.store(
      terminal.id,
      records.map((record) => ({ kind, record, doorOpened })),
      'callback',
    );
  }
}
