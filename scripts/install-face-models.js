#!/usr/bin/env node
/*
 * Installs the face engine's ONNX models (run by `npm ci` as postinstall).
 *
 * The models come from the npm package faceplugin-face-recognition-js@0.0.1 (MIT). Installing
 * that package would pull in 674 unrelated packages, so this packs exactly that version from the
 * configured registry (npm's cache makes a reinstall offline-safe), checks the tarball against
 * the integrity hash pinned here, and extracts only the model files and the licence.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

const PACKAGE = 'faceplugin-face-recognition-js@0.0.1';
const INTEGRITY = 'sha512-shriXjd4zJHEwhK1jHK+bWo8Vv6Vu9B/w6RRsd4AFtNM/jaI2vhuOamOSMl9qQmLd8WlQ7dgqN+3C2iOi5pXWw==';
/** The files the engine loads, with their SHA-256: the engine checks them again when it loads them. */
const FILES = {
  'model/fr_detect.onnx': '6c0256ccd3164f844736a401faf936ec2930764a87ae39442180887d0c5c8854',
  'model/fr_landmark.onnx': 'f10b0ba1d2a8a099adefede1ebf3733e44fe370715e7303dbeb7f59c02142258',
  'model/fr_feature.onnx': '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581',
  LICENSE: null,
};
const TARGET = path.join(__dirname, '..', 'models', 'faceplugin-0.0.1');

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function installed() {
  return Object.entries(FILES).every(([name, hash]) => {
    const file = path.join(TARGET, path.basename(name));
    return fs.existsSync(file) && (hash === null || sha256(fs.readFileSync(file)) === hash);
  });
}

function pack() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facegate-models-'));
  const npm = process.env.npm_execpath;
  const [command, args] = npm && /\.[cm]?js$/.test(npm) ? [process.execPath, [npm]] : ['npm', []];
  const out = execFileSync(command, [...args, 'pack', PACKAGE, '--json', '--pack-destination', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [{ filename }] = JSON.parse(out);
  return { dir, tarball: path.join(dir, path.basename(filename)) };
}

/** The regular files of a tar archive (ustar, as npm writes it), by name. */
function* untar(bytes) {
  for (let offset = 0; offset + 512 <= bytes.length; ) {
    const header = bytes.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return;
    const text = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(text(124, 12).trim() || '0', 8);
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const type = text(156, 1);
    const body = offset + 512;
    if (type === '0' || type === '') yield { name, content: bytes.subarray(body, body + size) };
    offset = body + Math.ceil(size / 512) * 512;
  }
}

function main() {
  if (installed()) return;
  const { dir, tarball } = pack();
  try {
    const gz = fs.readFileSync(tarball);
    const actual = `sha512-${createHash('sha512').update(gz).digest('base64')}`;
    if (actual !== INTEGRITY) throw new Error(`${PACKAGE} does not match its pinned integrity (${actual})`);
    fs.mkdirSync(TARGET, { recursive: true });
    for (const { name, content } of untar(zlib.gunzipSync(gz))) {
      const inPackage = name.replace(/^package\//, '');
      if (!(inPackage in FILES)) continue;
      const hash = FILES[inPackage];
      if (hash !== null && sha256(content) !== hash) throw new Error(`${inPackage} in ${PACKAGE} does not match its pinned SHA-256`);
      fs.writeFileSync(path.join(TARGET, path.basename(inPackage)), content);
    }
    if (!installed()) throw new Error(`${PACKAGE} lacks some of ${Object.keys(FILES).join(', ')}`);
    console.log(`face models installed from ${PACKAGE} into ${path.relative(process.cwd(), TARGET)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
