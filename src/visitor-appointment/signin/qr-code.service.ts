import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { FileStorage } from '../../common/storage/file-storage';
import { qrContent, qrImageKey } from '../visits/visit-presenter';

const CODE = /^[0-9a-f]{32}$/;

/** What a scanned QR code names: the person's code, and the application it claims to belong to. */
export interface ScannedCode {
  qrcode: string;
  applicationId?: number;
}

/** Visitors' QR codes: 128 random bits each, rendered once to a PNG in the public storage area. */
@Injectable()
export class QrCodeService {
  constructor(private readonly storage: FileStorage) {}

  issue(): string {
    return randomBytes(16).toString('hex');
  }

  async render(applicationId: number, qrcode: string): Promise<void> {
    const png = await QRCode.toBuffer(qrContent(applicationId, qrcode), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 300 });
    await this.storage.write('public', qrImageKey(qrcode), png);
  }

  async discard(qrcode: string): Promise<void> {
    await this.storage.remove('public', qrImageKey(qrcode));
  }

  /** Reads what a gate's reader sent: the JSON content or the bare code. Null when it is neither. */
  parse(scanned: string): ScannedCode | null {
    const text = scanned.trim();
    if (!text.startsWith('{')) return CODE.test(text.toLowerCase()) ? { qrcode: text.toLowerCase() } : null;
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch {
      return null;
    }
    const { id, qrcode } = (content ?? {}) as { id?: unknown; qrcode?: unknown };
    if (typeof qrcode !== 'string' || !CODE.test(qrcode.toLowerCase())) return null;
    if (id !== undefined && !Number.isInteger(id)) return null;
    return { qrcode: qrcode.toLowerCase(), applicationId: id as number | undefined };
  }
}
