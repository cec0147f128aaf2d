/**
 * Safe output. Only regular files are replaced, atomically: a temporary file in the target's folder
 * is written, flushed, given the target's mode, owner and group, and renamed over it; a failure at
 * any point leaves the old file untouched and removes the temporary file. What is refused (XP400):
 * FIFOs, devices, sockets and folders as targets (`-o -` prints to standard output instead), a
 * dangling symbolic link, a file with more than one hard link (an atomic replace would split the
 * links: the other names would keep the old text), and a file whose owner cannot be kept. A
 * symbolic link is written through: its target is replaced, the link is kept. Temporary names fit
 * the 255-byte limit of a file name. SIGINT and SIGTERM arriving while a temporary file exists are
 * held until the write has completed or been undone, then take effect: no temporary file is left.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, diag } from '../diagnostics';

/** File system operations used by `writeAtomic`, replaceable in tests to simulate failures. */
export interface WriteFs {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buf: Buffer, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  fchmodSync: typeof fs.fchmodSync;
  fchownSync: typeof fs.fchownSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
}

/** The real file system. */
export const REAL_WRITE_FS: WriteFs = {
  openSync: fs.openSync,
  writeSync: (fd, buf, offset, length) => fs.writeSync(fd, buf, offset, length),
  fsyncSync: fs.fsyncSync,
  fchmodSync: fs.fchmodSync,
  fchownSync: fs.fchownSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

/** Where output for `file` really goes, and what the replaced file had; or why it is refused. */
export type OutputTarget =
  { ok: true; path: string; existing?: { mode: number; uid: number; gid: number } } | { ok: false; message: string };

/** Resolve an output name: follow a symbolic link, refuse what is not (or would not be) a regular file. */
export function outputTarget(file: string): OutputTarget {
  let st: fs.Stats;
  let real = file;
  try {
    st = fs.lstatSync(file);
  } catch {
    return { ok: true, path: file }; // a new file (a missing folder fails when the temporary file is created)
  }
  if (st.isSymbolicLink()) {
    try {
      real = fs.realpathSync(file);
      st = fs.statSync(real);
    } catch {
      return {
        ok: false,
        message: `${file} is a symbolic link to a missing file: refused (write to the link's target, or remove the link)`,
      };
    }
  }
  if (st.isDirectory()) return { ok: false, message: `${file} is a directory` };
  if (!st.isFile()) {
    const kind = st.isFIFO()
      ? 'a FIFO'
      : st.isCharacterDevice()
        ? 'a character device'
        : st.isBlockDevice()
          ? 'a block device'
          : st.isSocket()
            ? 'a socket'
            : 'not a file';
    return {
      ok: false,
      message: `${file} is not a regular file (${kind}); xenport replaces only regular files (-o - prints to standard output)`,
    };
  }
  if (st.nlink > 1) {
    return {
      ok: false,
      message: `${file} has ${st.nlink} hard links; replacing it would leave the other names with the old text: refused (write to another file, or copy it to break the links)`,
    };
  }
  return { ok: true, path: real, existing: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid } };
}

/** Longest file name, in bytes, on Linux file systems (NAME_MAX). */
const NAME_MAX = 255;
let serial = 0;

/** `.<name>.xenport-<pid>-<n>.tmp` in the target's folder, the name cut (on a character boundary) to fit NAME_MAX. */
export function temporaryName(target: string): string {
  const suffix = `.xenport-${process.pid}-${++serial}.tmp`;
  let name = path.basename(target);
  const room = NAME_MAX - 1 - Buffer.byteLength(suffix);
  while (Buffer.byteLength(name) > room) name = Array.from(name).slice(0, -1).join('');
  return path.join(path.dirname(target), `.${name}${suffix}`);
}

/** Temporary files that exist right now, removed if a signal ends the process. */
const live = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

function onSignal(signal: NodeJS.Signals): void {
  for (const f of live) {
    try {
      fs.unlinkSync(f);
    } catch {
      /* already gone */
    }
  }
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal); // with no listener left, the default action: the process ends by this signal
}

/**
 * Hold SIGINT and SIGTERM while a temporary file exists. The write is synchronous, so a held signal
 * is delivered once the write has finished; the listeners stay until the event loop has had a
 * turn to deliver it (`setImmediate` runs after the poll phase that reads pending signals).
 */
function holdSignals(): () => void {
  if (!process.listeners('SIGINT').includes(onSignal)) for (const s of SIGNALS) process.on(s, onSignal);
  return () => {
    setImmediate(() => {
      if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
    });
  };
}

/** Write `text` to `file` safely (see the header). Returns diagnostics (XP400) instead of throwing. */
export function writeAtomic(file: string, text: string, io: WriteFs = REAL_WRITE_FS): Diagnostic[] {
  const fail = (message: string): Diagnostic[] => [diag('XP400', message, { location: { file, line: 1, col: 1 } })];
  const target = outputTarget(file);
  if (!target.ok) return fail(`cannot write ${target.message}`);
  const tmp = temporaryName(target.path);
  const release = holdSignals();
  let fd: number | undefined;
  let created = false;
  try {
    fd = io.openSync(tmp, 'wx', target.existing ? 0o600 : 0o666);
    created = true;
    live.add(tmp);
    if (target.existing) {
      const { mode, uid, gid } = target.existing;
      const st = fs.fstatSync(fd);
      if (st.uid !== uid || st.gid !== gid) io.fchownSync(fd, uid, gid);
      io.fchmodSync(fd, mode); // after chown, which clears set-id bits
    }
    const buf = Buffer.from(text, 'utf8');
    let written = 0;
    // writeSync may write less than asked; loop until everything is out.
    while (written < buf.length) written += io.writeSync(fd, buf, written, buf.length - written);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(tmp, target.path);
    live.delete(tmp);
    return [];
  } catch (e) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        /* already failing; the original error is what matters */
      }
    }
    if (created) {
      try {
        io.unlinkSync(tmp);
      } catch {
        /* the temporary file may be gone */
      }
    }
    live.delete(tmp);
    const err = e as NodeJS.ErrnoException;
    return fail(
      `cannot write ${file}: ${err.code ?? ''} ${err.message.replace(/^[A-Z]+: /, '')}`.replace(/\s+/g, ' ').trim(),
    );
  } finally {
    release();
  }
}
