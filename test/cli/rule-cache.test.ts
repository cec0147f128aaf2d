/**
 * The compiled-rule cache (src/cli/rule-cache.ts): a second load of the same files is a hit and
 * gives the rule set and warnings of a fresh load; a changed, added or removed rule, manifest or
 * block file misses; a corrupt or truncated entry is ignored and rewritten; a cache folder that
 * cannot be written is skipped; `--no-cache`, XENPORT_NO_CACHE=1 and an unbundled run turn it off;
 * ports through a cache hit are byte-identical to ports without it (real ports included); and the
 * built command writes its entries under $XDG_CACHE_HOME/xenport/rules.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { editFile, exampleRulesCopy } from './edit-wait';
import { loadRules } from '../../src/cli/load-rules';
import { portFiles } from '../../src/cli/port-files';
import { buildIdentity, cachedLoad, entryFile, ruleCacheOptions, RuleCacheOptions } from '../../src/cli/rule-cache';
import { externalCorpus } from '../../src/golden/cases';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'corpus', 'example');

let tmp: string;
let rules: string;
let opts: RuleCacheOptions;
beforeEach(() => {
  ({ dir: tmp, rules } = exampleRulesCopy('xenport-rule-cache-'));
  opts = { dir: path.join(tmp, 'cache'), code: 'test-build' };
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const fresh = (r = rules) => loadRules(r);
const cached = (r = rules, o = opts) => cachedLoad(r, () => fresh(r), o);
const edit = editFile;

test('the second load is a hit and equals a fresh load, warnings included', () => {
  const first = cached();
  expect(first.outcome).toBe('miss');
  expect(first.written).toBe(true);
  expect(fs.existsSync(entryFile(rules, opts))).toBe(true);
  const second = cached();
  expect(second.outcome).toBe('hit');
  expect(second.loaded).toEqual(fresh());
  expect(second.loaded.ruleSet!.rules.length).toBeGreaterThan(5);
  // Another build's entries never match.
  expect(cached(rules, { ...opts, code: 'another-build' }).outcome).toBe('miss');
});

test('a changed rule file misses, and the new rule is loaded', () => {
  cached();
  edit(path.join(rules, 'api.yaml'), 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  const r = cached();
  expect(r.outcome).toBe('stale');
  const rule = r.loaded.ruleSet!.rules.find((x) => x.id === 'alloc-device-state');
  expect(rule && 'with' in rule ? rule.with : undefined).toBe('xzalloc_bytes($SIZE + 1)');
  expect(cached().outcome).toBe('hit');
});

test('an added rule file misses', () => {
  cached();
  fs.writeFileSync(
    path.join(rules, 'more.yaml'),
    'rules:\n  - id: drop-nothing-new\n    kind: delete\n    reason: test\n    pattern: \"acme_no_such_call($X)\"\n    expect: \"0\"\n',
  );
  edit(path.join(rules, 'port.yaml'), '  - blocks.yaml', '  - blocks.yaml\n  - more.yaml');
  const r = cached();
  expect(r.outcome).toBe('stale');
  expect(r.loaded.ruleSet!.rules.map((x) => x.id)).toContain('drop-nothing-new');
});

test('a removed rule file misses: the load fails and nothing is written', () => {
  cached();
  fs.rmSync(path.join(rules, 'policy.yaml'));
  const r = cached();
  expect(r.outcome).toBe('stale');
  expect(r.loaded.ruleSet).toBeUndefined();
  expect(r.loaded.diagnostics.map((d) => d.code)).toContain('XP109');
  expect(r.written).toBe(false);
  expect(cached().outcome).toBe('stale');
});

test('a changed, added or removed block file misses', () => {
  const blocks = path.join(rules, 'blocks');
  cached();
  fs.appendFileSync(path.join(blocks, 'compat.c'), '/* one more line */\n');
  expect(cached().outcome).toBe('stale');
  expect(cached().outcome).toBe('hit');
  fs.writeFileSync(path.join(blocks, 'extra.c'), '/* a new block */\n');
  expect(cached().outcome).toBe('stale');
  expect(cached().outcome).toBe('hit');
  fs.rmSync(path.join(blocks, 'extra.c'));
  expect(cached().outcome).toBe('stale');
});

test('a single rule file: a hit, then a miss when it changes or a blocks/ folder appears beside it', () => {
  const file = path.join(tmp, 'try.yaml');
  fs.copyFileSync(path.join(rules, 'api.yaml'), file);
  expect(cached(file).outcome).toBe('miss');
  const hit = cached(file);
  expect(hit.outcome).toBe('hit');
  expect(hit.loaded).toEqual(fresh(file));
  expect(hit.loaded.ruleSet!.blockDirs).toEqual([]);
  fs.mkdirSync(path.join(tmp, 'blocks'));
  const withBlocks = cached(file);
  expect(withBlocks.outcome).toBe('stale');
  expect(withBlocks.loaded).toEqual(fresh(file));
  expect(withBlocks.loaded.ruleSet!.blockDirs).toHaveLength(1);
});

test('a corrupt or truncated entry is ignored and rewritten', () => {
  cached();
  const file = entryFile(rules, opts);
  const good = fs.readFileSync(file);
  const flipped = Buffer.from(good);
  flipped[flipped.length >> 1] ^= 0x40;
  fs.writeFileSync(file, flipped);
  const r = cached();
  expect(r.outcome).toBe('corrupt');
  expect(r.loaded).toEqual(fresh());
  expect(r.written).toBe(true);
  expect(cached().outcome).toBe('hit');
  for (const bytes of [
    good.subarray(0, good.length >> 1),
    good.subarray(0, 10),
    Buffer.alloc(0),
    Buffer.from('not an entry'),
  ]) {
    fs.writeFileSync(file, bytes);
    const t = cached();
    expect(t.outcome).toBe('corrupt');
    expect(t.loaded).toEqual(fresh());
    expect(fs.readFileSync(file).equals(good)).toBe(true);
  }
  // No temporary file is left beside the entries.
  expect(fs.readdirSync(opts.dir)).toEqual([path.basename(file)]);
});

test('entries not written for 30 days are removed when another entry is written', () => {
  cached();
  const old = entryFile(rules, opts);
  const stale = new Date(Date.now() - 31 * 24 * 3600 * 1000);
  fs.utimesSync(old, stale, stale);
  const recent = path.join(opts.dir, 'recent.bin');
  fs.writeFileSync(recent, 'another entry');
  const other = path.join(tmp, 'other.yaml');
  fs.copyFileSync(path.join(rules, 'api.yaml'), other);
  expect(cached(other).written).toBe(true);
  expect(fs.existsSync(old)).toBe(false);
  expect(fs.existsSync(recent)).toBe(true);
  expect(fs.existsSync(entryFile(other, opts))).toBe(true);
});

test('a cache folder that cannot be written is skipped silently', () => {
  const blocker = path.join(tmp, 'not-a-folder');
  fs.writeFileSync(blocker, 'a file where the cache folder should be');
  const o = { dir: path.join(blocker, 'xenport', 'rules'), code: 'test-build' };
  for (let i = 0; i < 2; i++) {
    const r = cached(rules, o);
    expect(r.outcome).toBe('miss');
    expect(r.written).toBe(false);
    expect(r.loaded).toEqual(fresh());
  }
});

test('off with --no-cache, XENPORT_NO_CACHE and without a build identity; the folder follows XDG_CACHE_HOME', () => {
  const env = { XDG_CACHE_HOME: path.join(tmp, 'xdg') };
  expect(ruleCacheOptions(true, env, 'b')).toEqual({ dir: path.join(tmp, 'xdg', 'xenport', 'rules'), code: 'b' });
  expect(ruleCacheOptions(true, { HOME: tmp }, 'b')!.dir).toBe(path.join(os.homedir(), '.cache', 'xenport', 'rules'));
  expect(ruleCacheOptions(false, env, 'b')).toBeUndefined();
  expect(ruleCacheOptions(true, { ...env, XENPORT_NO_CACHE: '1' }, 'b')).toBeUndefined();
  expect(ruleCacheOptions(true, { ...env, XENPORT_NO_CACHE: '0' }, 'b')).toBeDefined();
  expect(ruleCacheOptions(true, env, undefined)).toBeUndefined();
  expect(ruleCacheOptions(true, { XDG_CACHE_HOME: 'relative/cache' }, 'b')!.dir).toBe(
    path.join(os.homedir(), '.cache', 'xenport', 'rules'),
  );
  // These tests run from the sources, which have no build identity: the CLI does not cache here.
  expect(buildIdentity()).toBeUndefined();
});

describe('ports through a cache hit are byte-identical', () => {
  const cases = [
    {
      name: 'example',
      linux: path.join(EXAMPLE, 'linux.c'),
      rules: path.join(EXAMPLE, 'rules'),
      xen: path.join(EXAMPLE, 'xen.c'),
    },
    {
      name: 'smmu-v1v2',
      linux: 'smmu-v1v2-2015/linux.c',
      rules: path.join(ROOT, 'rules', 'smmu-v1v2'),
      xen: 'smmu-v1v2-2015/xen.c',
    },
    {
      name: 'smmu-v3-2021',
      linux: 'smmu-v3-2021/xen-step2.c',
      rules: path.join(ROOT, 'rules', 'smmu-v3-2021'),
      xen: 'smmu-v3-2021/xen.c',
    },
  ];
  const ext = externalCorpus();
  const corpus = ext.present ? ext.dir : undefined;
  for (const c of cases) {
    const inCorpus = !path.isAbsolute(c.linux);
    (inCorpus && !corpus ? test.skip : test)(c.name, () => {
      const at = (f: string) => (path.isAbsolute(f) ? f : path.join(corpus!, f));
      const files = { input: at(c.linux), rules: c.rules, xen: at(c.xen) };
      const plain = portFiles(files);
      expect(plain.ok).toBe(true);
      const outs = [1, 2].map(() => portFiles({ ...files, cache: opts }));
      expect(fs.readdirSync(opts.dir)).toHaveLength(1);
      for (const o of outs) {
        expect(o.ok && plain.ok && o.result.output === plain.result.output).toBe(true);
        expect(o.diagnostics).toEqual(plain.diagnostics);
      }
    });
  }
});

test('the built command caches under $XDG_CACHE_HOME/xenport/rules, not with --no-cache or XENPORT_NO_CACHE=1', () => {
  const bin = path.join(ROOT, 'bin', 'xenport.js');
  const xdg = path.join(tmp, 'xdg');
  const entries = () =>
    fs.existsSync(path.join(xdg, 'xenport', 'rules')) ? fs.readdirSync(path.join(xdg, 'xenport', 'rules')) : [];
  const run = (extra: string[], env: Record<string, string> = {}) => {
    const { XENPORT_NO_CACHE: _off, ...rest } = process.env;
    const r = spawnSync(
      process.execPath,
      [bin, 'port', path.join(EXAMPLE, 'linux.c'), '--rules', rules, '--stdout', '-q', ...extra],
      { env: { ...rest, XDG_CACHE_HOME: xdg, ...env }, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  };
  const plain = run(['--no-cache']);
  expect(entries()).toEqual([]);
  expect(run([], { XENPORT_NO_CACHE: '1' })).toBe(plain);
  expect(entries()).toEqual([]);
  expect(run([])).toBe(plain);
  expect(entries()).toHaveLength(1);
  expect(run([])).toBe(plain);
  // A rule change shows in the next run's output.
  edit(path.join(rules, 'api.yaml'), 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  expect(run([])).toContain('xzalloc_bytes(sizeof(*iommu) + 1);');
});
