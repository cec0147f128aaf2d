// @ts-check
/**
 * The three-rule task (bench/three-rule: kzalloc and kfree to Xen's allocators, one function
 * wrapped in #if 0) on the corpus's Linux arm-smmu.c, two sections of `npm run bench`:
 * `three-rule`, whole process against spatch and the ast-grep CLI (paired rounds, outputs
 * compared, plus where xenport's cold time goes; in the same rounds the same xenport command with a
 * `xenport serve` running, as a row and a target line of its own), and `library`, in process against ast-grep's
 * library `@ast-grep/napi` with tree-sitter-c registered (same input, same rules, both warm,
 * calls alternated, median of the per-pair ratios).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');
const { inProcess, floorTools } = require('./ports');
const { startServer, warmUp, coldEnv, SERVED } = require('./serve');

/** The task's input, copied into the work folder. @param {any} ctx */
function taskInput(ctx) {
  const src = path.join(ctx.work, 'arm-smmu.c');
  if (!fs.existsSync(src)) fs.copyFileSync(path.join(ctx.CORPUS, 'smmu-v1v2-2015', 'linux.c'), src);
  return src;
}

/** xenport's output of the task, in process (the reference the peers' outputs are compared with). @param {any} ctx @param {string} src */
function reference(ctx, src) {
  const rs = ctx.xp.loadRuleSet(path.join(ctx.ROOT, 'bench/three-rule/xenport')).ruleSet;
  return ctx.xp.port({ text: fs.readFileSync(src, 'utf8'), file: src }, rs).output;
}

/**
 * Where whole-process time goes: node start-up, module loading, rule loading, the port. @param {any} ctx @param
 * {string} linux
 */
function startup(ctx, linux) {
  const { ROOT } = ctx;
  const probe = `
    const t=()=>Number(process.hrtime.bigint())/1e6; const a=t();
    const cli=require(${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.js'))}).loadBundle(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'bundle.js'))}); const a2=t();
    const x=require(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))}); const b=t();
    require(${JSON.stringify(path.join(ROOT, 'dist', 'parse'))}).parseC('int x;'); const c=t();
    const rs=x.loadRuleSet(${JSON.stringify(path.join(ROOT, 'bench', 'three-rule', 'xenport'))}).ruleSet; const d=t();
    const r=x.port({text:require('fs').readFileSync(${JSON.stringify(linux)},'utf8'),file:'a.c'},rs); const e=t();
    console.log(JSON.stringify({bundle:a2-a,library:b-a2,treeSitter:c-b,rules:d-c,port:e-d,stages:r.report.timingsMs}));`;
  const runs = [];
  for (let i = 0; i < ctx.N_PROC; i++) runs.push(JSON.parse(L.run(process.execPath, ['-e', probe]).stdout));
  const med = (/** @type {(r: any) => number} */ f) => L.median(runs.map(f));
  return {
    bundle: med((r) => r.bundle),
    library: med((r) => r.library),
    treeSitter: med((r) => r.treeSitter),
    rules: med((r) => r.rules),
    port: med((r) => r.port),
    parse: med((r) => r.stages.parse),
    match: med((r) => r.stages.match),
    emit: med((r) => r.stages.emit),
  };
}

/** The name of the served xenport row. */
const XP_SERVED = `xenport ${SERVED}`;

/**
 * Whole process: xenport, spatch, the ast-grep CLI and `node -e 0`, paired rounds; xenport with a
 * `xenport serve` running in the same rounds. @param {any} ctx
 */
function threeRule(ctx) {
  /** @type {ReturnType<typeof startServer> | undefined} */
  let server;
  let noServer = '';
  try {
    server = startServer(ctx);
  } catch (e) {
    noServer = /** @type {Error} */ (e).message;
  }
  try {
    return threeRuleRounds(ctx, server, noServer);
  } finally {
    server?.stop();
  }
}

/**
 * @param {any} ctx @param {ReturnType<typeof startServer> | undefined} server @param {string} noServer why there is
 * none
 */
function threeRuleRounds(ctx, server, noServer) {
  const { say, fmt, peers } = ctx;
  say("## The three-rule task on the corpus's Linux arm-smmu.c");
  say();
  say(
    "`kzalloc(E, GFP_KERNEL)` to `xzalloc_bytes(E)`, `kfree(E)` to `xfree(E)`, `arm_smmu_add_device` wrapped in `#if 0` ... `#endif` (calls inside it left as they are, xenport's dead-code policy; the peer rules exclude that function). Rules: bench/three-rule/xenport/, bench/three-rule/task.cocci, bench/three-rule/ast-grep.yml.",
  );
  say();
  const src = taskInput(ctx);
  const ref = reference(ctx, src);
  const file = (/** @type {string} */ name) => path.join(ctx.work, `out-${name.replace(/[^A-Za-z0-9.-]+/g, '-')}.c`);
  const reset = (/** @type {string} */ name) => () => fs.copyFileSync(src, file(name));
  const xpArgs = (/** @type {string} */ name) => [
    ctx.BIN,
    'port',
    src,
    '--rules',
    path.join(ctx.ROOT, 'bench/three-rule/xenport'),
    '-o',
    file(name),
    '-q',
  ];
  /** @type {Array<{ name: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv, before?: () => void }>} */
  const tools = [
    { name: 'xenport', cmd: process.execPath, args: xpArgs('xenport'), env: coldEnv(), before: reset('xenport') },
    { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
  ];
  if (server) {
    reset(XP_SERVED)();
    warmUp(server.env, xpArgs(XP_SERVED), 3);
    tools.push({
      name: XP_SERVED,
      cmd: process.execPath,
      args: xpArgs(XP_SERVED),
      env: server.env,
      before: reset(XP_SERVED),
    });
  }
  if (peers.cocci.bin)
    tools.push({
      name: 'Coccinelle',
      cmd: peers.cocci.bin,
      args: [
        '--sp-file',
        path.join(ctx.ROOT, 'bench/three-rule/task.cocci'),
        file('Coccinelle'),
        '--in-place',
        '--very-quiet',
      ],
      before: reset('Coccinelle'),
    });
  if (peers.sg.bin)
    tools.push({
      name: 'ast-grep',
      cmd: peers.sg.bin,
      args: ['scan', '--rule', path.join(ctx.ROOT, 'bench/three-rule/ast-grep.yml'), '-U', file('ast-grep')],
      before: reset('ast-grep'),
    });
  const outFile = path.join(ctx.work, 'three-rule-output.c');
  fs.writeFileSync(outFile, ref);
  const floors = floorTools(src, outFile);
  const times = L.paired([...tools, ...floors], ctx.N_PROC);
  for (const t of tools) {
    if (t.name === 'node -e 0') continue;
    const out = fs.readFileSync(file(t.name), 'utf8');
    if (out === ref) say(`- ${t.name} output: identical to xenport's in-process output.`);
    else {
      const d = require('diff').createTwoFilesPatch('xenport.c', `${t.name}.c`, ref, out, '', '', { context: 1 });
      say(`- ${t.name} output differs from xenport's in-process output:\n\n\`\`\`diff\n${d}\`\`\``);
    }
  }
  for (const p of ['cocci', 'sg'])
    if (peers[p].skipped) say(`- ${p === 'cocci' ? 'Coccinelle' : 'ast-grep'} skipped: ${peers[p].skipped}`);
  say();
  const xpMs = L.median(times.xenport);
  say(
    `Whole process, ${ctx.N_PROC} rounds, each running every tool once in a rotated order; ratios are medians of the per-round ratios. "xenport" is the cold command (XENPORT_NO_SERVER=1); "${XP_SERVED}" is the same command answered by a \`xenport serve\` the bench started (after 3 untimed requests): not a cold figure, and a repeated request (the server keeps the compiled rules, the parses and the rule matches of the last request).${server ? '' : ` (${XP_SERVED}: skipped, ${noServer})`}`,
  );
  say();
  say('| tool | median | ratio to xenport |');
  say('|---|---:|---:|');
  for (const t of [...tools, ...floors])
    say(
      `| ${'label' in t ? t.label : t.name} | ${fmt(L.median(times[t.name]))} | ${L.pairedRatio(times[t.name], times.xenport).toFixed(2)} |`,
    );
  say();
  say(
    "The floor rows time a process that only starts Node, loads tree-sitter and tree-sitter-c as xenport does and parses the input from scratch (no port on tree-sitter can do less), then the same with xenport's output of the task parsed too (XP204): a cold xenport cannot be faster than them.",
  );
  say();
  const lib = inProcess(ctx.xp, src, path.join(ctx.ROOT, 'bench/three-rule/xenport'), undefined, ctx.N_LIB);
  const s = startup(ctx, src);
  say(
    `Where xenport's whole-process time goes (medians of ${ctx.N_PROC} cold processes; \`node -e 0\` above): loading the CLI bundle as bin/xenport.js does (with its code cache) ${fmt(s.bundle)}, then the library's modules for this probe (the CLI does not load them) ${fmt(s.library)}; first parse (grammar set-up) ${fmt(s.treeSitter)}; loading and compiling the three rules ${fmt(s.rules)}; the cold port ${fmt(s.port)} (parse ${fmt(s.parse)}, match ${fmt(s.match)}, emit ${fmt(s.emit)}). Cold JavaScript runs unoptimised: the same port takes ${fmt(lib.total)} warm.`,
  );
  say();
  const targets = [];
  if (times.Coccinelle) {
    const r = L.pairedRatio(times.Coccinelle, times.xenport);
    const f = (/** @type {string} */ k) => L.pairedRatio(times.Coccinelle, times[k]).toFixed(2);
    targets.push({
      text: `three-rule task, whole process, at least 2.0x faster than spatch: spatch/xenport ${r.toFixed(2)}x (spatch ${fmt(L.median(times.Coccinelle))}, xenport ${fmt(xpMs)}, ${ctx.N_PROC} paired rounds; spatch against the floor in the same rounds: ${f('floor-input')}x the input's parse alone, ${f('floor-both')}x with the output's)`,
      pass: r >= 2,
    });
  } else targets.push({ text: `three-rule task at least 2.0x faster than spatch: skipped (${peers.cocci.skipped})` });
  const servedLabel = `three-rule task, whole command ${SERVED} (a warm server, not a cold run), at least 2.0x faster than spatch`;
  if (times.Coccinelle && times[XP_SERVED]) {
    const r = L.pairedRatio(times.Coccinelle, times[XP_SERVED]);
    targets.push({
      text: `${servedLabel}: spatch/xenport ${r.toFixed(2)}x (spatch ${fmt(L.median(times.Coccinelle))}, xenport ${SERVED} ${fmt(L.median(times[XP_SERVED]))}, the same ${ctx.N_PROC} paired rounds)`,
      pass: r >= 2,
    });
  } else targets.push({ text: `${servedLabel}: skipped (${times.Coccinelle ? noServer : peers.cocci.skipped})` });
  if (times['ast-grep'])
    targets.push({
      text: `three-rule task, whole process, ast-grep/xenport (reported, no target): ${L.pairedRatio(times['ast-grep'], times.xenport).toFixed(2)}x`,
    });
  return { targets };
}

/**
 * ast-grep's library set up for the task: `once()` does parse + findAll + commitEdits on `text`;
 * `parseOnly()` only its parse.
 * @param {string} text @returns {{ once: () => string, parseOnly: () => unknown } | { skipped: string }}
 */
function astGrepNapi(text) {
  const dir = path.join(L.CACHE, 'peers');
  let napi;
  try {
    napi = require(require.resolve('@ast-grep/napi', { paths: [dir] }));
  } catch {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'package.json')))
      fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
    L.log(`npm install @ast-grep/napi@${L.AST_GREP_VERSION} into ${dir}`);
    const r = require('child_process').spawnSync(
      'npm',
      ['install', '--save-exact', `@ast-grep/napi@${L.AST_GREP_VERSION}`],
      { cwd: dir, encoding: 'utf8' },
    );
    try {
      napi = require(require.resolve('@ast-grep/napi', { paths: [dir] }));
    } catch {
      return { skipped: `@ast-grep/napi not installable (${(r.stderr || '').trim().split('\n').pop()})` };
    }
  }
  // The napi package has no C built in: register the same tree-sitter-c grammar xenport uses (its
  // prebuilt addon exports tree_sitter_c), as ast-grep's dynamic-language support allows.
  let lang = napi.Lang.C;
  if (!lang) {
    const tsc = path.dirname(require.resolve('tree-sitter-c/package.json'));
    const lib = [
      path.join(tsc, 'prebuilds', `${process.platform}-${process.arch}`, 'tree-sitter-c.node'),
      path.join(tsc, 'build', 'Release', 'tree_sitter_c_binding.node'),
    ].find((f) => fs.existsSync(f));
    if (!lib || typeof napi.registerDynamicLanguage !== 'function')
      return { skipped: '@ast-grep/napi has no C and no tree-sitter-c library to register' };
    try {
      napi.registerDynamicLanguage({ c: { libraryPath: lib, extensions: ['c'], languageSymbol: 'tree_sitter_c' } });
    } catch (e) {
      if (!/already/i.test(String(/** @type {Error} */ (e).message)))
        return { skipped: `@ast-grep/napi could not load tree-sitter-c: ${/** @type {Error} */ (e).message}` };
    }
    lang = 'c';
  }
  const ctxRule = (/** @type {string} */ p) => ({
    rule: {
      pattern: { context: `void f(void) { ${p}; }`, selector: 'call_expression' },
      not: {
        inside: {
          stopBy: 'end',
          kind: 'function_definition',
          has: { field: 'declarator', regex: '^arm_smmu_add_device\\(' },
        },
      },
    },
  });
  const once = () => {
    const root = napi.parse(lang, text).root();
    const edits = [];
    for (const n of root.findAll(ctxRule('kzalloc($E, GFP_KERNEL)')))
      edits.push(n.replace(`xzalloc_bytes(${n.getMatch('E').text()})`));
    for (const n of root.findAll(ctxRule('kfree($E)'))) edits.push(n.replace(`xfree(${n.getMatch('E').text()})`));
    for (const n of root.findAll({
      rule: { kind: 'function_definition', has: { field: 'declarator', regex: '^arm_smmu_add_device\\(' } },
    }))
      edits.push(n.replace(`#if 0\n${n.text()}\n#endif`));
    return root.commitEdits(edits);
  };
  try {
    once();
  } catch (e) {
    return { skipped: `@ast-grep/napi failed: ${/** @type {Error} */ (e).message}` };
  }
  return { once, parseOnly: () => napi.parse(lang, text).root() };
}

/**
 * The changes that make `after` of `before`, one per run of changed lines, as xenport's `editTree`
 * (src/parse/incremental.ts) takes them: in order, offsets in `before` and in `after`.
 * @param {string} before @param {string} after
 */
function lineChanges(before, after) {
  /** @type {Array<{ oldStart: number, oldEnd: number, newStart: number, newEnd: number }>} */
  const out = [];
  let o = 0;
  let n = 0;
  for (const part of require('diff').diffLines(before, after)) {
    const len = part.value.length;
    if (!part.added && !part.removed) {
      o += len;
      n += len;
      continue;
    }
    let c = out[out.length - 1];
    if (!c || c.oldEnd !== o || c.newEnd !== n) out.push((c = { oldStart: o, oldEnd: o, newStart: n, newEnd: n }));
    if (part.added) c.newEnd = n += len;
    else c.oldEnd = o += len;
  }
  return out;
}

/** In process: xenport's `port()` against `@ast-grep/napi`, alternated call by call. @param {any} ctx */
function library(ctx) {
  const { say, fmt } = ctx;
  say('## The three-rule task in process');
  say();
  const src = taskInput(ctx);
  const text = fs.readFileSync(src, 'utf8');
  const rs = ctx.xp.loadRuleSet(path.join(ctx.ROOT, 'bench/three-rule/xenport')).ruleSet;
  const input = { text, file: src };
  const napi = astGrepNapi(text);
  if ('skipped' in napi) {
    say(`ast-grep library: ${napi.skipped}.`);
    say();
    return {
      targets: [{ text: `three-rule task in process at least as fast as @ast-grep/napi: skipped (${napi.skipped})` }],
    };
  }
  const xpOut = ctx.xp.port(input, rs).output;
  const sgOut = napi.once();
  const warm = Math.min(20, ctx.N_LIB);
  for (let i = 0; i < warm; i++) (ctx.xp.port(input, rs), napi.once());
  /** @type {number[]} */ const a = [];
  /** @type {number[]} */ const b = [];
  /** @type {Record<string, number[]>} */ const st = { parse: [], match: [], edit: [], emit: [] };
  // The parses alone, in the same pairs: tree-sitter's (as xenport calls it) and ast-grep's.
  const Parser = require('tree-sitter');
  const parser = new Parser();
  parser.setLanguage(require('tree-sitter-c'));
  /** @type {number[]} */ const tsParse = [];
  /** @type {number[]} */ const tsOutput = [];
  const changes = lineChanges(text, xpOut);
  const { editTree } = require(path.join(ctx.ROOT, 'dist', 'parse', 'incremental'));
  const outLines = new (require(path.join(ctx.ROOT, 'dist', 'diagnostics')).LineIndex)(xpOut);
  /** @type {number[]} */ const sgParse = [];
  const timed = (/** @type {number[]} */ into, /** @type {() => unknown} */ f) => {
    const t = L.now();
    f();
    into.push(L.now() - t);
  };
  const start = L.now();
  for (let i = 0; L.more(i, ctx.N_LIB, start, 30000); i++) {
    const runXp = () => {
      const t = L.now();
      const r = ctx.xp.port(input, rs);
      a.push(L.now() - t);
      for (const k of Object.keys(st)) st[k].push(r.report.timingsMs[k] ?? 0);
    };
    const runSg = () => {
      const t = L.now();
      napi.once();
      b.push(L.now() - t);
    };
    const parses = () => {
      let tree = parser.parse(text);
      timed(tsParse, () => (tree = parser.parse(text)));
      timed(tsOutput, () => {
        editTree(tree, changes, text, outLines);
        parser.parse(xpOut, tree);
      });
      timed(sgParse, napi.parseOnly);
    };
    if (i % 2) (runXp(), runSg(), parses());
    else (parses(), runSg(), runXp());
  }
  const ratio = L.pairedRatio(a, b);
  const m = (/** @type {number[]} */ v) => fmt(L.median(v));
  say(
    `Same input (arm-smmu.c, ${text.length} characters) and the same three rules, both warm (${warm} calls each first), then ${a.length} pairs of calls (up to ${ctx.N_LIB}; no new pair starts after 30 s), alternated: xenport then ast-grep, ast-grep then xenport; the ratio is the median of the per-pair ratios. xenport: \`port(input, ruleSet)\` with the rules loaded once (parse, match, edit, emit with the output re-parse for XP204, report). ast-grep: \`@ast-grep/napi\` ${L.AST_GREP_VERSION} with tree-sitter-c (the same grammar build xenport loads) registered as a dynamic language, \`parse\` + three \`findAll\` + \`commitEdits\`. Outputs: ${xpOut === sgOut ? 'identical' : 'DIFFERENT'}.`,
  );
  say();
  say('| library | median per call | parse | match | edit | emit |');
  say('|---|---:|---:|---:|---:|---:|');
  say(`| xenport \`port()\` | ${m(a)} | ${m(st.parse)} | ${m(st.match)} | ${m(st.edit)} | ${m(st.emit)} |`);
  say(`| ast-grep \`@ast-grep/napi\` | ${m(b)} | | | | |`);
  say(`| tree-sitter's parse of the input alone (node-tree-sitter, as xenport calls it) | ${m(tsParse)} | | | | |`);
  say(
    `| tree-sitter's incremental parse of the output alone (the input's tree edited at its ${changes.length} runs of changed lines) | ${m(tsOutput)} | | | | |`,
  );
  say(`| ast-grep's \`parse\` alone | ${m(sgParse)} | | | | |`);
  say();
  say(
    "The last three rows are timed in the same pairs. tree-sitter's parse of the input is the least any port on tree-sitter does; xenport parses its output as well (XP204), which ast-grep does not: an incremental parse re-parses every top-level item a change touches.",
  );
  say();
  return {
    targets: [
      {
        text: `three-rule task in process at least as fast as @ast-grep/napi with tree-sitter-c: xenport/ast-grep ${ratio.toFixed(2)}x (xenport ${m(a)}, ast-grep ${m(b)}, ${a.length} alternated pairs; outputs ${xpOut === sgOut ? 'identical' : 'DIFFERENT'}; tree-sitter's parse of the input alone takes ${m(tsParse)}, ${L.pairedRatio(tsParse, b).toFixed(2)}x ast-grep's whole call, and with its incremental parse of the output ${L.pairedRatio(
          tsParse.map((x, k) => x + tsOutput[k]),
          b,
        ).toFixed(2)}x)`,
        pass: ratio <= 1 && xpOut === sgOut,
      },
    ],
  };
}

module.exports = { threeRule, library };
