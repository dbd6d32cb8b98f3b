import { createServer } from 'node:http';
import { answerFirstPage, openBaselineDatabase } from './baseline-handler';

/** The throughput baseline: a bare Node http server, no framework, no token check, no logging. */
const handle = answerFirstPage(openBaselineDatabase(process.env.DB_PATH!), process.env.PUBLIC_BASE_URL!);

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.stringify(handle(new URLSearchParams(Buffer.concat(chunks).toString())));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
