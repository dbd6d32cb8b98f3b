import { Injectable } from '@nestjs/common';
import { UnavailableError, UpstreamError } from '../../common/errors/domain-errors';
import { RecordQuery, SignObject, TerminalPage, TerminalSettings, UserListQuery, UserObject, DeviceObject } from '../terminal-api/terminal-api.types';
import { TerminalRejectedError, TerminalWaitingError } from '../terminal-api/terminal-errors';
import { TerminalEndpoint, TerminalHttpClient, TerminalSettingsKind } from '../terminal-api/terminal-http.client';
import { TerminalRegistry } from './terminal-registry.service';

/** An administrator's direct requests to a terminal; failures become UpstreamError (HTTP 502), a terminal held back by its backoff UnavailableError (503 with Retry-After). */
@Injectable()
export class TerminalOperations {
  constructor(
    private readonly registry: TerminalRegistry,
    private readonly client: TerminalHttpClient,
  ) {}

  openDoor(id: number, remark?: string): Promise<void> {
    return this.on(id, (t) => this.client.openDoor(t, remark));
  }

  syncTime(id: number): Promise<void> {
    return this.on(id, (t) => this.client.syncTime(t));
  }

  reboot(id: number): Promise<void> {
    return this.on(id, (t) => this.client.reboot(t));
  }

  async information(id: number): Promise<DeviceObject> {
    const device = await this.on(id, (t) => this.client.information(t));
    await this.registry.recordSeen(id, device);
    return device;
  }

  settings(id: number, kind: TerminalSettingsKind): Promise<TerminalSettings> {
    return this.on(id, (t) => this.client.settings(t, kind));
  }

  changeSettings(id: number, kind: TerminalSettingsKind, settings: TerminalSettings): Promise<void> {
    return this.on(id, (t) => this.client.changeSettings(t, kind, settings));
  }

  jsonCommand(id: number, command: unknown): Promise<unknown> {
    return this.on(id, (t) => this.client.jsonCommand(t, command));
  }

  users(id: number, query: UserListQuery): Promise<TerminalPage<UserObject>> {
    return this.on(id, (t) => this.client.listUsers(t, query));
  }

  records(id: number, query: RecordQuery): Promise<TerminalPage<SignObject>> {
    return this.on(id, (t) => this.client.records(t, query));
  }

  private async on<T>(id: number, work: (terminal: TerminalEndpoint) => Promise<T>): Promise<T> {
    const terminal = await this.registry.get(id);
    try {
      return await work(this.registry.endpoint(terminal));
    } catch (error) {
      if (error instanceof TerminalWaitingError) throw new UnavailableError(`terminal ${id} "${terminal.name}": ${error.message}`, Math.ceil(error.retryAfterMs / 1000));
      const details = error instanceof TerminalRejectedError ? { terminalCode: error.code, terminalDesc: error.desc } : undefined;
      throw new UpstreamError(`terminal ${id} "${terminal.name}": ${(error as Error).message}`, details);
    }
  }
}
