// Child process for the "killed while writing" tests: writes argv[2] atomically with a file system
// that, part-way, sends this process a signal (argv[4], default SIGKILL): during the write (argv[3]:
// `write`, after the first 100 bytes) or after the data is flushed, just before the rename (`rename`).
'use strict';
const fs = require('fs');
const { REAL_WRITE_FS, writeAtomic } = require('./load-src').loadSrc('emit/write');

const [file, when, signal = 'SIGKILL'] = process.argv.slice(2);
const hit = () => process.kill(process.pid, signal);
const io = {
  ...REAL_WRITE_FS,
  writeSync: (fd, buf, off, len) => {
    if (when === 'write') {
      const n = fs.writeSync(fd, buf, off, Math.min(len, 100));
      hit();
      return n;
    }
    return fs.writeSync(fd, buf, off, len);
  },
  renameSync: (a, b) => {
    if (when === 'rename') hit();
    fs.renameSync(a, b);
  },
};
const ds = writeAtomic(file, 'new text\n'.repeat(10000), io);
process.stdout.write(ds.length ? `failed: ${ds[0].message}\n` : 'written\n');
