import { Injectable } from '@nestjs/common';
import { LookupAddress, lookup as dnsLookup } from 'node:dns';
import { lookup as resolveAll } from 'node:dns/promises';
import { isIP, LookupFunction } from 'node:net';
import { InvalidInputError } from '../../common/errors/domain-errors';
import { NetworkList, plainAddress } from '../../common/network/network-list';
import { AppConfig } from '../../config/app.config';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';

/** Never a terminal: unspecified, link-local (cloud metadata at 169.254.169.254), multicast, reserved, and known metadata endpoints. */
const FORBIDDEN = NetworkList.of(
  '0.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4, 240.0.0.0/4, 100.100.100.200, ::/128, fe80::/10, ff00::/8, fd00:ec2::254',
);
const METADATA_NAMES = /^(metadata|metadata\.google\.internal|instance-data(\.ec2\.internal)?|metadata\.tencentyun\.com)\.?$/i;
const PRIVATE = '10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7';
const LOOPBACK = '127.0.0.0/8, ::1';

/** The address a terminal host resolves to is not one a terminal may have. */
export class TerminalAddressRefusedError extends InvalidInputError {}

/**
 * Where terminals may be. FaceGate connects to the hosts administrators give and sends them every
 * grant, so a host is checked when it is saved (resolved, every address) and again on every
 * connection (the address actually dialled), so that DNS answering differently later changes nothing.
 */
@Injectable()
export class TerminalAddressPolicy {
  private readonly allowed: NetworkList;

  constructor(config: DeviceGatewayConfig, app: AppConfig) {
    this.allowed = NetworkList.of(config.allowedNetworks || (app.production ? PRIVATE : `${PRIVATE}, ${LOOPBACK}`));
  }

  /** Why this address cannot be a terminal's, or null. */
  refusal(address: string): string | null {
    const plain = plainAddress(address);
    if (FORBIDDEN.contains(plain)) return `${plain} is a link-local, multicast, unspecified or metadata address`;
    if (!this.allowed.contains(plain)) return `${plain} is outside TERMINAL_ALLOWED_NETWORKS (${this.allowed.entries.join(', ')})`;
    return null;
  }

  /** Resolves a host as it is saved; every address it resolves to must be allowed. */
  async check(host: string): Promise<void> {
    if (METADATA_NAMES.test(host)) throw new TerminalAddressRefusedError(`host ${host} is a cloud metadata endpoint`);
    const addresses = isIP(host) ? [host] : (await resolveAll(host, { all: true }).catch(() => [])).map((entry) => entry.address);
    if (addresses.length === 0) throw new TerminalAddressRefusedError(`host ${host} does not resolve`);
    for (const address of addresses) {
      const refused = this.refusal(address);
      if (refused) throw new TerminalAddressRefusedError(`host ${host} resolves to ${refused}`);
    }
  }

  /** A `lookup` for http and ws connections: refuses to dial an address that is not allowed (one or all, as Node asks). */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = found.map((entry) => this.refusal(entry.address)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(`refusing to connect to ${hostname}: ${refused}`), { code: 'EREFUSED_ADDRESS' }), '', 0);
      if (options.all) return callback(null, found);
      callback(null, found[0].address, found[0].family);
    });
  };

  /** Literal addresses are dialled without a lookup: they are checked here. */
  assertDialable(host: string): void {
    const refused = isIP(host) ? this.refusal(host) : null;
    if (refused) throw new TerminalAddressRefusedError(`refusing to connect to ${host}: ${refused}`);
  }
}
