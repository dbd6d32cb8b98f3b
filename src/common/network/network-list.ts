import { BlockList, isIP } from 'node:net';

/** Loopback and the private ranges: where a site's own devices (kiosks, gates, scrapers) stand. */
export const SITE_NETWORKS = '127.0.0.0/8, ::1, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7';

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/**
 * A comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, 192.168.1.20, fd00::/8`),
 * as the *_NETWORKS settings take it.
 */
export class NetworkList {
  private constructor(
    private readonly blocks: BlockList,
    readonly entries: string[],
  ) {}

  /** The list, or the entries that are not addresses or ranges. */
  static parse(text: string): NetworkList | { invalid: string[] } {
    const blocks = new BlockList();
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const invalid: string[] = [];
    for (const entry of entries) {
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address);
      const prefix = bits === undefined ? undefined : Number(bits);
      if (!family || extra !== undefined || (prefix !== undefined && (!/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128)))) {
        invalid.push(entry);
        continue;
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) blocks.addAddress(address, type);
      else blocks.addSubnet(address, prefix, type);
    }
    return invalid.length ? { invalid } : new NetworkList(blocks, entries);
  }

  /** Parses a list that configuration validation has already accepted. */
  static of(text: string): NetworkList {
    const parsed = NetworkList.parse(text);
    if (!(parsed instanceof NetworkList)) throw new Error(`not a network list: ${parsed.invalid.join(', ')}`);
    return parsed;
  }

  contains(address: string): boolean {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && this.blocks.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}
