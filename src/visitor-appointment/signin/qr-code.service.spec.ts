import { FileStorage } from '../../common/storage/file-storage';
import { QrCodeService } from './qr-code.service';

const qr = new QrCodeService({} as FileStorage);
const CODE = '83bae139a9bc445384f4fc7a2df6a047';

describe('QrCodeService', () => {
  it('issues 32 random hex characters', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => qr.issue()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each<[string, string, ReturnType<QrCodeService['parse']>]>([
    ['the JSON content', `{"id":207,"qrcode":"${CODE}"}`, { qrcode: CODE, applicationId: 207 }],
    ['the JSON with spaces, as the spec writes it', ` {"id": 207, "qrcode":"${CODE.toUpperCase()}"} `, { qrcode: CODE, applicationId: 207 }],
    ['JSON without an id', `{"qrcode":"${CODE}"}`, { qrcode: CODE, applicationId: undefined }],
    ['the bare code', CODE.toUpperCase(), { qrcode: CODE }],
    ['a code one character short', CODE.slice(1), null],
    ['a code that is not hex', 'g'.repeat(32), null],
    ['broken JSON', `{"id":207,"qrcode":"${CODE}"`, null],
    ['a string id', `{"id":"207","qrcode":"${CODE}"}`, null],
    ['a fractional id', `{"id":2.5,"qrcode":"${CODE}"}`, null],
    ['a numeric code', '{"id":1,"qrcode":12345}', null],
    ['JSON null', 'null', null],
    ['an array', `["${CODE}"]`, null],
  ])('reads %s', (_, scanned, expected) => {
    expect(qr.parse(scanned)).toEqual(expected);
  });
});
