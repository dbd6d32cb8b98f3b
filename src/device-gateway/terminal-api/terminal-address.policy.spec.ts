import { AppConfig } from '../../config/app.config';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { TerminalAddressPolicy, TerminalAddressRefusedError } from './terminal-address.policy';

const policy = (allowedNetworks = '', nodeEnv = 'development') =>
  new TerminalAddressPolicy(Object.assign(new DeviceGatewayConfig(), { allowedNetworks }), Object.assign(new AppConfig(), { nodeEnv }));

describe('TerminalAddressPolicy', () => {
  it('allows the private ranges, and loopback only outside production', () => {
    for (const address of ['10.1.2.3', '172.20.0.9', '192.168.1.20', 'fd12::7', '127.0.0.1', '::1']) expect(policy().refusal(address)).toBeNull();
    expect(policy('', 'production').refusal('127.0.0.1')).toMatch(/outside TERMINAL_ALLOWED_NETWORKS/);
    expect(policy().refusal('8.8.8.8')).toMatch(/outside/);
  });

  it('never allows link-local, metadata, multicast or unspecified addresses, whatever the site allows', () => {
    const lenient = policy('0.0.0.0/0, ::/0');
    for (const address of ['169.254.169.254', '::ffff:169.254.169.254', '100.100.100.200', 'fe80::1', '224.0.0.1', 'ff02::1', '0.0.0.0', '::', 'fd00:ec2::254']) {
      expect({ address, refusal: lenient.refusal(address) }).toEqual({ address, refusal: expect.stringContaining('metadata address') });
    }
    expect(lenient.refusal('203.0.113.7')).toBeNull();
  });

  it('checks every address a host resolves to, and metadata host names by name', async () => {
    const strict = policy('10.0.0.0/8');
    await expect(strict.check('localhost')).rejects.toThrow(/localhost resolves to .* outside TERMINAL_ALLOWED_NETWORKS/);
    await expect(strict.check('::ffff:127.0.0.1')).rejects.toBeInstanceOf(TerminalAddressRefusedError);
    await expect(policy('0.0.0.0/0').check('metadata.google.internal')).rejects.toThrow(/cloud metadata endpoint/);
    await expect(strict.check('10.0.0.5')).resolves.toBeUndefined();
  });

  it('refuses to dial a refused address at connection time, whatever the host resolved to when it was saved', async () => {
    const strict = policy('10.0.0.0/8');
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => strict.lookup('localhost', {}, (e) => resolve(e)));
    expect(error).toMatchObject({ code: 'EREFUSED_ADDRESS', message: expect.stringContaining('refusing to connect to localhost') });
    expect(() => strict.assertDialable('127.0.0.1')).toThrow(TerminalAddressRefusedError);
    const allowed = await new Promise<unknown[]>((resolve) => policy().lookup('localhost', { all: true }, (_, addresses) => resolve(addresses as unknown[])));
    expect(allowed.length).toBeGreaterThan(0);
  });
});
