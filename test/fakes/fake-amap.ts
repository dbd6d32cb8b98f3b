import { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

export const FAKE_AMAP_KEY = 'fake-amap-key';

const CITIES = ['杭州市', '宁波市', '温州市'].map((name, i) => ({
  citycode: `057${i + 1}`,
  adcode: `33${String(i + 1).padStart(2, '0')}00`,
  name,
  center: '120.15,30.28',
  level: 'city',
  districts: [],
}));
const ZHEJIANG = { citycode: [], adcode: '330000', name: '浙江省', center: '120.15,30.26', level: 'province', districts: CITIES };

/**
 * AMap's district API (`/v3/config/district`) on loopback: checks the key, knows 浙江 and its
 * cities, and records every query it gets.
 */
export class FakeAmap extends LoopbackHttpFake {
  readonly queries: URLSearchParams[] = [];
  private failures: ('down' | 'not json')[] = [];

  fail(...failures: ('down' | 'not json')[]): void {
    this.failures.push(...failures);
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const q = url.searchParams;
    this.queries.push(q);
    const failure = this.failures.shift();
    if (failure === 'down') {
      res.statusCode = 503;
      res.end('<html>Service Unavailable</html>');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (failure === 'not json') {
      res.end('{"status":');
      return;
    }
    if (url.pathname !== '/v3/config/district') {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    if (q.get('key') !== FAKE_AMAP_KEY) {
      res.end(JSON.stringify({ status: '0', info: 'INVALID_USER_KEY', infocode: '10001' }));
      return;
    }
    const keywords = q.get('keywords') ?? '';
    const found = keywords === '' || '浙江省'.includes(keywords) ? [ZHEJIANG] : [];
    const depth = Number(q.get('subdistrict') ?? 1);
    const districts = found.map((province) => ({ ...province, districts: depth > 0 ? province.districts : [] }));
    res.end(JSON.stringify({ status: '1', info: 'OK', infocode: '10000', count: String(districts.length), suggestion: { keywords: [], cities: [] }, districts }));
  }
}
