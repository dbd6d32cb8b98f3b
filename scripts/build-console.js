#!/usr/bin/env node
// Builds the admin console (console/ → console/dist) when the build is missing or older than its
// sources, so `npm start` and `npm test` always serve the console of the checked-out code.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { gzipSync } = require('node:zlib');
const { join } = require('node:path');

const root = join(__dirname, '..');
const consoleDir = join(root, 'console');
const built = join(consoleDir, 'dist', 'index.html');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');

/** Each text asset gets a .gz beside it, compressed once here rather than on every request. */
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) precompress(path);
    else if (/\.(js|css|html|svg|json)$/.test(name)) writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
  }
}

function newestIn(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}

const sources = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json'].map((name) => join(consoleDir, name));
const sourceTime = Math.max(...sources.filter(existsSync).map(newestIn), statSync(join(root, 'package-lock.json')).mtimeMs);
if (existsSync(built) && statSync(built).mtimeMs >= sourceTime && process.argv[2] !== '--force') {
  console.log('console: the build is current');
} else if (!existsSync(vite)) {
  console.warn('console: vite is not installed (a production install?), the console is not rebuilt');
} else {
  console.log('console: building…');
  execFileSync(process.execPath, [vite, 'build', '--config', join(consoleDir, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
  precompress(join(consoleDir, 'dist'));
}
