/**
 * The compiled-rule cache: a port's rule set as the loader built it (rules compiled, patterns
 * parsed, warnings), kept on disk in the user's cache folder
 * (`${XDG_CACHE_HOME:-~/.cache}/xenport/rules/`) so that a cold `xenport port` skips YAML parsing,
 * schema checks and pattern compilation.
 *
 * Never stale: an entry holds every question the load asked the file system (each file read, with
 * its whole text; each folder checked or listed; each link resolved: src/rules/files.ts)
 * and the block files of the rule set; it is used only when asking all of them again gives the same
 * answers, so a changed, added or removed rule, manifest, macro hint or block file misses. The
 * entry's name is a hash of xenport's build (the bundle's own hash, written by
 * scripts/build/bundle.js, with the Node version), the working folder (messages name paths
 * relative to it) and the `--rules` argument. A corrupt or truncated entry (its checksum is checked
 * before anything is read from it: see `checksum`) is ignored and rewritten; entries are written to a temporary file
 * and renamed into place; a cache folder that cannot be written is silently skipped. Only loads
 * without errors are kept; entries not written for 30 days are removed when another is written.
 * Off with `--no-cache`, `XENPORT_NO_CACHE=1`, and when xenport runs from
 * its sources rather than its build (the code then has no identity to key on).
 *
 * A long-running process (`xenport serve`) also keeps the loads in memory (`keepLoadsInMemory`):
 * an entry there is used under the same rule as one on disk (every recorded answer asked again),
 * so it is never stale either; it only skips reading and decoding the file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { Diagnostic, hasErrors } from '../diagnostics';
import { readBlockFiles } from '../rules/block-files';
import { FsAnswer, recordingFs, sameAnswers } from '../rules/files';
import type { RuleSet } from '../rules/types';
import { fnv64 } from '../rules/fnv64';

/** What a load gives: the rule set (when it has no errors) and its diagnostics. */
export interface Loaded {
  ruleSet?: RuleSet;
  diagnostics: Diagnostic[];
}

/** Where the cache is and what identifies the code that compiles the rules. */
export interface RuleCacheOptions {
  /** The folder holding the entries. */
  dir: string;
  /** Identity of the compiler: entries of another build never match. */
  code: string;
}

/** The bundle's SHA-256, written over this text by scripts/build/bundle.js (left as is in an unbundled run). */
const BUILD_ID: string = '@@XENPORT_BUILD_ID@@';
const MAGIC = Buffer.from('xenport-rules-2\n');
const HASH_BYTES = 32;

/**
 * The checksum of an entry's body, hex: CRC-32 (zlib's, Node 20.15 and later), which catches any
 * changed byte and any burst of up to 32 changed bits; SHA-256 where zlib has no `crc32`. Not
 * SHA-256 everywhere: Node's crypto module alone costs a cold port several milliseconds to load,
 * zlib half as much. An entry written by one Node is only read by the same (the key holds the
 * version).
 */
function checksum(body: Uint8Array): string {
  const { crc32 } = require('zlib') as { crc32?: (data: Uint8Array) => number };
  if (crc32)
    return crc32(body)
      .toString(16)
      .padStart(8, '0')
      .padEnd(HASH_BYTES * 2, '0');
  return (require('crypto') as typeof import('crypto')).createHash('sha256').update(body).digest('hex');
}

/** The bundle's hash (the build id), or undefined when xenport runs from its sources. */
export const buildId = (): string | undefined => (/^[0-9a-f]{64}$/.test(BUILD_ID) ? BUILD_ID : undefined);

/** The build's identity, or undefined when xenport runs from its sources (no bundle hash). */
export const buildIdentity = (): string | undefined => {
  const id = buildId();
  return id && `${id} ${process.version}`;
};

/**
 * The cache of this process's environment: undefined when `enabled` is false (`--no-cache`),
 * `XENPORT_NO_CACHE` is set (to anything but `0` or nothing), or the code has no identity.
 */
export function ruleCacheOptions(
  enabled = true,
  env: NodeJS.ProcessEnv = process.env,
  code = buildIdentity(),
): RuleCacheOptions | undefined {
  const off = env.XENPORT_NO_CACHE;
  if (!enabled || (off !== undefined && off !== '' && off !== '0') || code === undefined) return undefined;
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  // No home folder: no cache (never one relative to the working folder).
  if (!path.isAbsolute(base)) return undefined;
  return { dir: path.join(base, 'xenport', 'rules'), code };
}

/** How a cached load went (for tests and measurements). */
export type CacheOutcome = 'hit' | 'miss' | 'stale' | 'corrupt';

/** What an entry is for: the code, the working folder and `--rules` (NUL-separated: no path holds a NUL). */
const entryKey = (rules: string, opts: RuleCacheOptions): string => [opts.code, process.cwd(), rules].join('\0');

/** The entry file of `rules` (the `--rules` argument as given) for this code and working folder. */
export function entryFile(rules: string, opts: RuleCacheOptions): string {
  return path.join(opts.dir, `${fnv64(entryKey(rules, opts))}.bin`);
}

/** A load with the file-system answers it was made from. */
interface Kept {
  answers: FsAnswer[];
  loaded: Loaded;
}

/** Loads kept in memory by key (oldest first), when `keepLoadsInMemory` was called. */
let memory: Map<string, Kept> | undefined;
/** At most this many loads are kept (a server used with many ports, or many working folders). */
const MAX_KEPT = 32;

/** Keep loads in memory too (for a long-running process: `xenport serve`). */
export function keepLoadsInMemory(): void {
  memory ??= new Map();
}

function keep(key: string, kept: Kept): void {
  if (!memory) return;
  memory.delete(key);
  memory.set(key, kept);
  if (memory.size > MAX_KEPT) memory.delete(memory.keys().next().value as string);
}

/**
 * Load through the cache: `load` runs (recorded) unless a valid entry (in memory, then on disk)
 * answers; its result is stored when it has no errors.
 */
export function cachedLoad(
  rules: string,
  load: () => Loaded,
  opts: RuleCacheOptions,
): { loaded: Loaded; outcome: CacheOutcome; written: boolean } {
  const file = entryFile(rules, opts);
  const key = entryKey(rules, opts);
  const kept = memory?.get(key);
  if (kept && sameAnswers(kept.answers)) return { loaded: kept.loaded, outcome: 'hit', written: false };
  const read = readEntry(file, key);
  if (read.kept) {
    keep(key, read.kept);
    return { loaded: read.kept.loaded, outcome: 'hit', written: false };
  }
  const { value: loaded, answers } = recordingFs(() => {
    const l = load();
    // Block files are read on every port; they are part of the entry so that any change to them misses too.
    if (l.ruleSet && !hasErrors(l.diagnostics)) readBlockFiles(l.ruleSet.blockDirs);
    return l;
  });
  const ok = !!loaded.ruleSet && !hasErrors(loaded.diagnostics);
  if (ok) keep(key, { answers, loaded });
  const written = ok && writeEntry(file, key, answers, loaded);
  return { loaded, outcome: read.outcome, written };
}

/** The entry's load when it is intact, for this key, and every recorded answer still holds. */
function readEntry(file: string, key: string): { kept?: Kept; outcome: CacheOutcome } {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return { outcome: 'miss' };
  }
  const head = MAGIC.length + HASH_BYTES + 4;
  if (buf.length < head || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return { outcome: 'corrupt' };
  const body = buf.subarray(MAGIC.length + HASH_BYTES);
  if (checksum(body) !== buf.subarray(MAGIC.length, MAGIC.length + HASH_BYTES).toString('hex'))
    return { outcome: 'corrupt' };
  try {
    const n = body.readUInt32LE(0);
    const meta = v8.deserialize(body.subarray(4, 4 + n)) as { key: string; answers: FsAnswer[] };
    if (meta.key !== key) return { outcome: 'miss' };
    if (!sameAnswers(meta.answers)) return { outcome: 'stale' };
    return { kept: { answers: meta.answers, loaded: v8.deserialize(body.subarray(4 + n)) as Loaded }, outcome: 'hit' };
  } catch {
    return { outcome: 'corrupt' };
  }
}

/** Write the entry atomically (temporary file, then rename); false when the cache folder cannot be written. */
function writeEntry(file: string, key: string, answers: FsAnswer[], loaded: Loaded): boolean {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const meta = v8.serialize({ key, answers });
    const len = Buffer.alloc(4);
    len.writeUInt32LE(meta.length, 0);
    const body = Buffer.concat([len, meta, v8.serialize(loaded)]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, Buffer.concat([MAGIC, Buffer.from(checksum(body), 'hex'), body]), {
      flag: 'wx',
      mode: 0o644,
    });
    fs.renameSync(tmp, file);
    dropOldEntries(path.dirname(file));
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing was written, or the folder cannot be written at all: the cache is skipped.
    }
    return false;
  }
}

/** Entries not written for this long are removed when another is written (other builds', ports no longer used). */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** Remove entries (and temporary files left by a killed process) older than MAX_AGE_MS; errors are ignored. */
function dropOldEntries(dir: string): void {
  try {
    const now = Date.now();
    for (const name of fs.readdirSync(dir)) {
      if (!/\.(bin|tmp)$/.test(name)) continue;
      const f = path.join(dir, name);
      if (now - fs.statSync(f).mtimeMs > MAX_AGE_MS) fs.rmSync(f, { force: true });
    }
  } catch {
    // Another process may be cleaning up too; what is left is removed next time.
  }
}
