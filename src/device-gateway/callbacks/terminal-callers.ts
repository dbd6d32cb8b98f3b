import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PermissionDeniedError } from '../../common/errors/domain-errors';
import { plainAddress } from '../../common/network/network-list';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { Terminal } from '../terminals/terminal.entity';

/** How long a terminal host's addresses are trusted before they are looked up again. */
const CACHE_MS = 60_000;

/**
 * The callbacks answer people's names and photo links, so they answer only the terminal itself:
 * a callback must come from an address its registered host resolves to (TERMINAL_CALLBACKS_FROM_ANY
 * relaxes this for terminals behind NAT).
 */
@Injectable()
export class TerminalCallers {
  private readonly addresses = new Map<string, { addresses: Set<string>; until: number }>();

  constructor(private readonly config: DeviceGatewayConfig) {}

  async assertFrom(terminal: Terminal, caller: string): Promise<void> {
    if (this.config.callbacksFromAny) return;
    const address = plainAddress(caller);
    if (!(await this.addressesOf(terminal.host)).has(address)) {
      throw new PermissionDeniedError(`device ${terminal.deviceId} called from ${address}, which is not its registered host ${terminal.host}`);
    }
  }

  private async addressesOf(host: string): Promise<Set<string>> {
    if (isIP(host)) return new Set([plainAddress(host)]);
    const cached = this.addresses.get(host);
    if (cached && cached.until > Date.now()) return cached.addresses;
    const found = new Set((await lookup(host, { all: true }).catch(() => [])).map((entry) => plainAddress(entry.address)));
    if (this.addresses.size > 1000) this.addresses.clear();
    this.addresses.set(host, { addresses: found, until: Date.now() + CACHE_MS });
    return found;
  }
}
