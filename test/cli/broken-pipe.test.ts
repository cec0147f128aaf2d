/**
 * A reader that stops early (`xenport port ... --annotate | head -1`) closes the pipe while xenport
 * still writes: the built binary ends quietly with exit 141 (as a Unix tool killed by SIGPIPE
 * would), never with a stack trace on stderr.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'xenport.js');

test('stdout closed by the reader: exit 141, no stack trace', async () => {
  // An input large enough that the annotated output overflows the pipe's buffer many times.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-epipe-'));
  try {
    const input = path.join(dir, 'big.c');
    const body = Array.from({ length: 4000 }, (_, i) => `static int f${i}(void)\n{\n\treturn ${i};\n}\n`).join('\n');
    fs.writeFileSync(input, `/* a large made-up driver */\n${body}`);
    const rules = path.join(dir, 'r.yaml');
    fs.writeFileSync(rules, 'rules:\n  - id: none-such\n    kind: delete\n    function: f0\n    reason: "test"\n');
    const child = spawn(process.execPath, [BIN, 'port', input, '--rules', rules, '--annotate'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).not.toMatch(/EPIPE|internal error/);
    expect(code).toBe(141);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60000);
