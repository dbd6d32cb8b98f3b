import { ArgumentsHost, ExceptionFilter, HttpException } from '@nestjs/common';
import { STATUS_CODES, Server } from 'node:http';
import { Duplex } from 'node:stream';

const HEADER_OVERFLOW = 'HPE_HEADER_OVERFLOW';

/** What a filter may call on the response: enough to capture status, headers and the body. */
class CapturedResponse {
  statusCode = 200;
  contentType = 'application/json; charset=utf-8';
  body = '';
  readonly headers: Record<string, string> = {};

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  type(contentType: string): this {
    this.contentType = `${contentType}; charset=utf-8`;
    return this;
  }

  setHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }

  json(body: unknown): this {
    this.body = JSON.stringify(body);
    return this;
  }
}

/**
 * A request line and headers beyond Node's limit (16 KB) are refused by the HTTP parser before the
 * app sees the request, with a bare 431. This answers it in the envelope of the protocol the path
 * belongs to, through the same exception filter as everything else (the path is read from the
 * start of the request, when it is there). Other parse errors keep Node's bare answers.
 */
export function answerOversizedRequests(server: Server, filter: ExceptionFilter): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    if (error.code !== HEADER_OVERFLOW) {
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      return socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
    }
    const [, method = 'GET', target = '/'] = /^([A-Z]+) (\S+)/.exec(error.rawPacket?.toString('latin1', 0, 4096) ?? '') ?? [];
    const path = target.split('?')[0];
    const request = { method, path, url: path, originalUrl: path, headers: {}, body: undefined };
    const response = new CapturedResponse();
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
    filter.catch(new HttpException('the request line and headers are larger than 16 KB', 431), host);
    const body = Buffer.from(response.body, 'utf8');
    const headers = { ...response.headers, 'Content-Type': response.contentType, 'Content-Length': String(body.length), Connection: 'close' };
    const head = [`HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
  });
}
