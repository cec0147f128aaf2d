/**
 * Atomic output: write a temporary file in the target folder, flush it, then rename it over the
 * target. A failure at any point leaves the old file untouched and removes the temporary file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, diag } from '../diagnostics';

/** File system operations used by `writeAtomic`, replaceable in tests to simulate failures. */
export interface WriteFs {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buf: Buffer, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
}

const realFs: WriteFs = {
  openSync: fs.openSync,
  writeSync: (fd, buf, offset, length) => fs.writeSync(fd, buf, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
};

/** Write `text` to `file` atomically. Returns diagnostics (XP400) instead of throwing. */
export function writeAtomic(file: string, text: string, io: WriteFs = realFs): Diagnostic[] {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.xenport-${process.pid}-${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = io.openSync(tmp, 'wx', 0o644);
    const buf = Buffer.from(text, 'utf8');
    let written = 0;
    // writeSync may write less than asked; loop until everything is out.
    while (written < buf.length) written += io.writeSync(fd, buf, written, buf.length - written);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(tmp, file);
    return [];
  } catch (e) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        /* already failing; the original error is what matters */
      }
    }
    try {
      io.unlinkSync(tmp);
    } catch {
      /* the temporary file may not exist */
    }
    const err = e as NodeJS.ErrnoException;
    return [diag('XP400', `cannot write ${file}: ${err.code ?? ''} ${err.message.replace(/^[A-Z]+: /, '')}`.replace(/\s+/g, ' ').trim(), { location: { file, line: 1, col: 1 } })];
  }
}
