import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread from a module next to the caller. Built code runs the .js file; under
 * jest or ts-node the caller is a .ts file, so the worker compiles it with ts-node (a dev
 * dependency, only needed there).
 */
export function startWorker(path: string, workerData: unknown): Worker {
  if (!path.endsWith('.ts')) return new Worker(path, { workerData });
  const bootstrap = `require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(path)});`;
  return new Worker(bootstrap, { eval: true, workerData });
}
