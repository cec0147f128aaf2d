// Child process for the "killed while writing" test: writes argv[2] atomically with a file system
// whose writeSync writes part of the text and then SIGKILLs this process (argv[3]: `write`), or
// that is killed after the data is flushed, just before the rename (argv[3]: `rename`).
'use strict';
const fs = require('fs');
require('../../scripts/fuzz/ts-register.js');
const { writeAtomic } = require('../../src/emit/write.ts');

const [file, when] = process.argv.slice(2);
const die = () => process.kill(process.pid, 'SIGKILL');
const io = {
  openSync: fs.openSync,
  writeSync: (fd, buf, off, len) => {
    if (when === 'write') {
      fs.writeSync(fd, buf, off, Math.min(len, 100));
      die();
    }
    return fs.writeSync(fd, buf, off, len);
  },
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: (a, b) => (when === 'rename' ? die() : fs.renameSync(a, b)),
  unlinkSync: fs.unlinkSync,
};
writeAtomic(file, 'new text\n'.repeat(10000), io);
