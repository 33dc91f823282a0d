// Extracts a .vsix (a zip archive) with Node alone: stored and deflated entries, which is
// what vsce writes. No `unzip` needed on the machine.

import { inflateRawSync } from "node:zlib";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";

/** The entries of a zip archive: name → contents. */
export function readZip(file) {
  const buf = readFileSync(file);
  // End of central directory: signature 0x06054b50, searched from the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    const localNameLength = buf.readUInt16LE(local + 26);
    const localExtraLength = buf.readUInt16LE(local + 28);
    const start = local + 30 + localNameLength + localExtraLength;
    const raw = buf.subarray(start, start + compressed);
    if (name.endsWith("/")) continue;
    if (method === 0) entries.set(name, Buffer.from(raw));
    else if (method === 8) entries.set(name, inflateRawSync(raw));
    else throw new Error(`${file}: ${name} uses compression method ${method}`);
  }
  return entries;
}

/** Writes every entry under `dir`. */
export function extractZip(file, dir) {
  for (const [name, data] of readZip(file)) {
    const target = normalize(join(dir, name));
    if (!target.startsWith(normalize(dir) + sep)) throw new Error(`${name} escapes ${dir}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
}
