import { Injectable } from '@nestjs/common';
import { PermissionDeniedError } from '../../common/errors/domain-errors';
import { NetworkList } from '../../common/network/network-list';
import { VisitorConfig } from '../../config/visitor.config';

/** Sign-in answers only the kiosks' networks, the QR check only the gates' (the site's own network unless it names others). */
@Injectable()
export class KioskNetworks {
  private readonly kiosks: NetworkList;
  private readonly gates: NetworkList;

  constructor(config: VisitorConfig) {
    this.kiosks = NetworkList.of(config.kioskNetworks);
    this.gates = NetworkList.of(config.gateNetworks);
  }

  assertKiosk(address: string): void {
    if (!this.kiosks.contains(address)) throw new PermissionDeniedError(`sign-in is only taken from the kiosks (VISITOR_KIOSK_NETWORKS), not from ${address}`);
  }

  assertGate(address: string): void {
    if (!this.gates.contains(address)) throw new PermissionDeniedError(`QR codes are only checked for the gates (VISITOR_GATE_NETWORKS), not for ${address}`);
  }
}
