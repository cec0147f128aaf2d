// @ts-check
/**
 * The `ports` section of `npm run bench`: the SMMUv1 and SMMUv3 ports with their full rule sets,
 * whole process paired with `node -e 0` (the issue's targets are ratios to Node's own start-up,
 * measured in the same rounds), and in process (`port()` warm, per stage). In the same rounds, the
 * same command with a `xenport serve` running (bench/serve.js): rows and target lines of their
 * own, labelled so; the cold rows never go through a server. Also in the same rounds, the floor
 * (bench/floor.js): Node, tree-sitter and the port's parses alone, to show what a target leaves for
 * the rest of the work.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const L = require('./lib');
const { startServer, warmUp, coldEnv, SERVED } = require('./serve');

/** The ports measured, with their whole-process target as a ratio to `node -e 0`. */
const CASES = [
  {
    name: 'SMMUv1 (smmu-v1v2)',
    rules: 'rules/smmu-v1v2',
    linux: 'smmu-v1v2-2015/linux.c',
    xen: 'smmu-v1v2-2015/xen.c',
    maxRatio: 2.0,
  },
  {
    name: 'SMMUv3 (smmu-v3-2021)',
    rules: 'rules/smmu-v3-2021',
    linux: 'smmu-v3-2021/xen-step2.c',
    xen: 'smmu-v3-2021/xen.c',
    maxRatio: 3.0,
  },
];

/**
 * In-process port: warm-up, then median total and per stage over `n` runs.
 * @param {any} xp the library @param {string} linux @param {string} ruleDir @param {string | undefined} xen @param
 * {number} n
 */
function inProcess(xp, linux, ruleDir, xen, n) {
  const rs = xp.loadRuleSet(ruleDir).ruleSet;
  const input = { text: fs.readFileSync(linux, 'utf8'), file: linux };
  const opts = xen ? { existingXen: { text: fs.readFileSync(xen, 'utf8'), file: xen } } : {};
  for (let i = 0; i < Math.min(20, n); i++) xp.port(input, rs, opts);
  const total = [];
  /** @type {Record<string, number[]>} */
  const st = { parse: [], match: [], edit: [], emit: [] };
  const start = L.now();
  for (let i = 0; L.more(i, n, start, 20000); i++) {
    const t = L.now();
    const r = xp.port(input, rs, opts);
    total.push(L.now() - t);
    for (const k of Object.keys(st)) st[k].push(r.report.timingsMs[k] ?? 0);
  }
  const stages = Object.fromEntries(Object.entries(st).map(([k, v]) => [k, L.median(v)]));
  return { total: L.median(total), stages, runs: total.length };
}

/** The floor script (bench/floor.js). */
const FLOOR = path.join(__dirname, 'floor.js');

/**
 * The two floor commands of a port (bench/floor.js), to time in the same rounds as the port, each
 * with the label of its row: tree-sitter's parse of the input alone (`floor-input`), and of the
 * input and the output (`floor-both`).
 * @param {string} input @param {string} output a file holding the port's output
 */
function floorTools(input, output) {
  return [
    {
      name: 'floor-input',
      label: "floor: Node, tree-sitter and the input's parse (bench/floor.js)",
      cmd: process.execPath,
      args: [FLOOR, input],
    },
    {
      name: 'floor-both',
      label: "floor: the same and the output's parse",
      cmd: process.execPath,
      args: [FLOOR, input, output],
    },
  ];
}

/** @param {any} ctx the bench context (bench/run.js) */
function ports(ctx) {
  const { say } = ctx;
  say('## Ports with their full rule sets');
  say();
  say(
    `Whole process: \`node bin/xenport.js port <linux.c> --rules rules/<port> --xen <xen.c> --check -q\` (cold: XENPORT_NO_SERVER=1) and \`node -e 0\` run alternately, ${ctx.N_PROC} rounds; the ratio is the median of the per-round ratios. The rows "${SERVED}" time the same whole command in the same rounds while a \`xenport serve\` started by the bench (after ${WARM_UP} untimed requests) answers it: the thin client's process, not a cold run, and a repeated request (the server keeps the compiled rules, the parses and the rule matches of the last request: the files are read and checked, the edits, carry-over, output re-parse and write are done again). In process: \`port()\` with the rules loaded, median of up to ${ctx.N_LIB} runs (at least 10; no new run starts after 20 s: the runs column) after ${Math.min(20, ctx.N_LIB)} warm-up runs.`,
  );
  say();
  say(
    '| port | whole process | `node -e 0` (same rounds) | ratio | peak RSS | in process | parse | match | edit | emit |',
  );
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const targets = [];
  /** @type {ReturnType<typeof startServer> | undefined} */
  let server;
  let noServer;
  try {
    server = startServer(ctx);
  } catch (e) {
    noServer = /** @type {Error} */ (e).message;
  }
  try {
    for (const c of CASES) portCase(ctx, c, server, noServer, targets);
  } finally {
    server?.stop();
  }
  say();
  say(
    'Stages: parse = annotation masking + tree-sitter parse + syntax-error scan; match = flat copy of the tree + every rule; edit = edit building and overlap checks; emit = applying the edits and re-parsing the output. The rest of the in-process time is block carry-over from the existing Xen file (a line diff). A port that does not exit 0 (with `--check`: its output differs from the Xen file) shows its exit code.',
  );
  say();
  say(
    "The floor rows (bench/floor.js) time, in the same rounds, a process that only starts Node, loads tree-sitter and tree-sitter-c as xenport does and parses the port's input from scratch (no port on tree-sitter can do less), then the same with the output parsed too (xenport parses its output: XP204). A cold target below the floor's ratio cannot be met by any cold process on Node and node-tree-sitter; what a target leaves above the floor is all there is for loading xenport and its rules, shaping, the tree copy, matching, the edits and the carry-over.",
  );
  say();
  return { targets };
}

/** Untimed requests a server gets before the rounds. */
const WARM_UP = 3;

/**
 * One port's rows and target lines.
 * @param {any} ctx @param {typeof CASES[number]} c @param {ReturnType<typeof startServer> | undefined} server
 * @param {string | undefined} noServer why there is no server @param {Array<{ text: string, pass?: boolean }>} targets
 */
function portCase(ctx, c, server, noServer, targets) {
  const { say, fmt, mb } = ctx;
  const ruleDir = path.join(ctx.ROOT, c.rules);
  const linux = path.join(ctx.CORPUS, c.linux);
  const xen = path.join(ctx.CORPUS, c.xen);
  let why;
  if (!fs.existsSync(path.join(ruleDir, 'port.yaml'))) why = `${c.rules} not present`;
  else if (!fs.existsSync(linux)) why = `${c.linux} not in the corpus (set XENPORT_CORPUS)`;
  else if (!ctx.xp.loadRuleSet(ruleDir).ruleSet) why = `${c.rules} does not load`;
  if (why) {
    say(`| ${c.name} | skipped: ${why} | | | | | | | | |`);
    targets.push({
      text: `${c.name} port at most ${c.maxRatio.toFixed(1)}x \`node -e 0\`, whole process: skipped (${why})`,
    });
    return;
  }
  const args = [ctx.BIN, 'port', linux, '--rules', ruleDir, '--xen', xen, '--check', '-q'];
  const check = L.run(process.execPath, args, { env: coldEnv() });
  if (server) warmUp(server.env, args, WARM_UP, check.status);
  const floors = floorTools(linux, xen);
  const times = L.paired(
    [
      { name: 'node', cmd: process.execPath, args: ['-e', '0'] },
      { name: 'xenport', cmd: process.execPath, args, env: coldEnv(), status: check.status },
      ...(server ? [{ name: 'served', cmd: process.execPath, args, env: server.env, status: check.status }] : []),
      ...floors,
    ],
    ctx.N_PROC,
  );
  const ratio = L.pairedRatio(times.xenport, times.node);
  const p = inProcess(ctx.xp, linux, ruleDir, xen, ctx.N_LIB);
  const s = p.stages;
  const xpMs = L.median(times.xenport);
  const nodeMs = L.median(times.node);
  say(
    `| ${c.name}${check.status ? ` (exit ${check.status})` : ''} | ${fmt(xpMs)} | ${fmt(nodeMs)} | ${ratio.toFixed(2)}x | ${mb(check.peakMB)} | ${fmt(p.total)} (${p.runs} runs) | ${fmt(s.parse)} | ${fmt(s.match)} | ${fmt(s.edit)} | ${fmt(s.emit)} |`,
  );
  const outputIs = check.status ? 'the Xen file, standing in for it' : 'the Xen file, which it equals';
  const floorRatio = floors.map((f) => L.pairedRatio(times[f.name], times.node));
  floors.forEach((f, k) =>
    say(
      `| ${c.name} ${f.label}${k ? ` (${outputIs})` : ''} | ${fmt(L.median(times[f.name]))} | ${fmt(nodeMs)} | ${floorRatio[k].toFixed(2)}x | | | | | | |`,
    ),
  );
  targets.push({
    text: `${c.name} port, whole process, at most ${c.maxRatio.toFixed(1)}x \`node -e 0\`: ${ratio.toFixed(2)}x (xenport ${fmt(xpMs)}, \`node -e 0\` ${fmt(nodeMs)}, medians of ${ctx.N_PROC} paired rounds; the floor in the same rounds (bench/floor.js: Node, tree-sitter and the input's parse) is ${floorRatio[0].toFixed(2)}x, ${floorRatio[1].toFixed(2)}x with the output's parse)`,
    pass: ratio <= c.maxRatio,
  });
  const label = `${c.name} port, whole command ${SERVED} (a warm server, not a cold run)`;
  if (!server) {
    say(`| ${c.name} ${SERVED} | skipped: ${noServer} | | | | | | | | |`);
    targets.push({ text: `${label}: skipped (${noServer})` });
    return;
  }
  const servedMs = L.median(times.served);
  const servedRatio = L.pairedRatio(times.served, times.node);
  say(`| ${c.name} ${SERVED} | ${fmt(servedMs)} | ${fmt(nodeMs)} | ${servedRatio.toFixed(2)}x | | | | | | |`);
  targets.push({
    text: `${label}, at most ${c.maxRatio.toFixed(1)}x \`node -e 0\`: ${servedRatio.toFixed(2)}x (${fmt(servedMs)}, \`node -e 0\` ${fmt(nodeMs)}, the same ${ctx.N_PROC} paired rounds)`,
    pass: servedRatio <= c.maxRatio,
  });
}

module.exports = { ports, inProcess, floorTools };
