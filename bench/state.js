// @ts-check
/**
 * What makes `npm run bench` restartable: each finished section's printed lines and target lines
 * are saved in the bench cache, under a fingerprint of everything the figures depend on (the
 * built dist/, the rules, the bench's own files, Node's version, the mode). A run that is
 * interrupted (Ctrl-C, a crash, a reboot) and started again with the same fingerprint reuses the
 * finished sections and runs the rest; any change to the code or rules starts afresh. The state
 * is removed once docs/PERFORMANCE.md is written, so the next run measures everything again.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { CACHE } = require('./lib');

/** Every file under `dir` (sorted, relative paths), skipping node_modules. @param {string} dir */
function filesUnder(dir) {
  /** @type {string[]} */
  const out = [];
  const visit = (/** @type {string} */ d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === 'node_modules') continue;
      const f = path.join(d, e.name);
      if (e.isDirectory()) visit(f);
      else if (e.isFile()) out.push(f);
    }
  };
  visit(dir);
  return out;
}

/**
 * Fingerprint of what the figures depend on.
 * @param {string} root the project folder @param {string} mode e.g. 'full' or 'quick'
 */
function fingerprint(root, mode) {
  const h = crypto.createHash('sha256');
  h.update(`${process.version}\0${mode}\0`);
  for (const dir of ['dist', 'rules', 'bench']) {
    // V8's code cache (dist/cli/bundle.js.cache) differs from build to build for the same code;
    // the hand-written notes change no figure.
    for (const f of filesUnder(path.join(root, dir)).filter((f) => !f.endsWith('.cache') && !f.endsWith('NOTES.md'))) {
      h.update(path.relative(root, f));
      h.update('\0');
      h.update(fs.readFileSync(f));
      h.update('\0');
    }
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * @typedef {{ lines: string[], targets: Array<{ text: string, pass?: boolean }>, ms: number, at: string }}
 * SectionResult
 * @typedef {{ id: string, started: string, sections: Record<string, SectionResult> }} State
 */

/**
 * The saved state of an unfinished run with this fingerprint (or a new one).
 * @param {string} mode @param {string} id the fingerprint @param {boolean} fresh ignore what is saved
 */
function openState(mode, id, fresh) {
  const file = path.join(CACHE, `state-${mode}.json`);
  /** @type {State} */
  let state = { id, started: new Date().toISOString(), sections: {} };
  if (!fresh && fs.existsSync(file)) {
    try {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (saved && saved.id === id && saved.sections && typeof saved.sections === 'object') state = saved;
    } catch {
      // A corrupt state file is ignored and rewritten.
    }
  }
  return {
    state,
    /** Save one finished section. @param {string} name @param {SectionResult} r */
    save(name, r) {
      state.sections[name] = r;
      fs.mkdirSync(CACHE, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(state));
      fs.renameSync(tmp, file);
    },
    /** Forget the run (after the document is written). */
    clear() {
      fs.rmSync(file, { force: true });
    },
    file,
  };
}

module.exports = { fingerprint, openState };
