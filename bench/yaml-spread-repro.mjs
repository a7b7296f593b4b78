// A minimal reproduction of why js-yaml's ES module build parses slower than its CommonJS build on
// Node.js 20 (V8 11.3), for a report upstream (nodeca/js-yaml). Self-contained; run it from the
// repository root (or anywhere js-yaml resolves):
//
//   node bench/yaml-spread-repro.mjs            # every variant, each in a process of its own
//   node --trace-deopt bench/yaml-spread-repro.mjs spread | grep -c 'wrong map'   # one variant
//
// Variants `spread` and `assign` have no dependency: a hot function walks a text through a state
// object built by an object literal with spread (`{ ...DEFAULTS, ...options, input, position: 0, ... }`,
// the shape of the state js-yaml's `parseEvents` builds) or by Object.assign with the same
// properties. Variants `published` and `patched` time `parseEvents` of js-yaml's own ES module
// build and of a copy, in a temporary file, whose only change is that state built with
// Object.assign; `commonjs` times the CommonJS build, whose bundler turns the spread into a helper
// that defines the properties one by one. Each variant runs in a fresh process, so that no variant's
// type feedback reaches another's; each process prints the median of its passes, and the median of
// five processes (run alternately) is shown. Timings vary with when V8's concurrent compiler
// finishes: compare medians, on a quiet machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROUNDS = 15;

/** The median wall time of ROUNDS runs of `pass`, in ms. */
function median(pass) {
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    pass();
    times.push(performance.now() - started);
  }
  return times.sort((x, y) => x - y)[ROUNDS >> 1];
}

// Part 1: the pattern alone.
const DEFAULTS = { filename: '', maxDepth: 100 };
const stateBySpread = (input, options) => ({
  ...DEFAULTS,
  ...options,
  input,
  length: input.length,
  position: 0,
  line: 0,
  lineStart: 0,
  lineIndent: 0,
  firstTabInLine: -1,
  depth: 0,
  directives: [],
  tagHandlers: Object.create(null),
  events: [],
});
const stateByAssign = (input, options) =>
  Object.assign({}, DEFAULTS, options, {
    input,
    length: input.length,
    position: 0,
    line: 0,
    lineStart: 0,
    lineIndent: 0,
    firstTabInLine: -1,
    depth: 0,
    directives: [],
    tagHandlers: Object.create(null),
    events: [],
  });
function walk(state) {
  while (state.position < state.length) {
    const code = state.input.charCodeAt(state.position);
    if (code === 10) {
      state.line++;
      state.lineStart = state.position + 1;
      state.lineIndent = 0;
    } else if (code === 32 && state.position === state.lineStart + state.lineIndent) state.lineIndent++;
    state.position++;
  }
  state.events.push(state.line);
  return state.events;
}
/** One variant's measured pass, by name. */
const VARIANTS = {
  spread: () => {
    const text = 'metadata:\n  name: web\n  labels:\n    app: web\n'.repeat(20_000);
    return () => walk(stateBySpread(text, {}));
  },
  assign: () => {
    const text = 'metadata:\n  name: web\n  labels:\n    app: web\n'.repeat(20_000);
    return () => walk(stateByAssign(text, {}));
  },
  published: async () => {
    const { parseEvents } = await import(pathToFileURL(moduleFile()).href);
    return () => parseEvents(manifests(), {});
  },
  patched: async () => {
    const directory = mkdtempSync(join(tmpdir(), 'js-yaml-repro-'));
    const file = join(directory, 'js-yaml-assign.mjs');
    writeFileSync(file, withObjectAssign(readFileSync(moduleFile(), 'utf8')));
    const { parseEvents } = await import(pathToFileURL(file).href);
    rmSync(directory, { recursive: true, force: true });
    return () => parseEvents(manifests(), {});
  },
  commonjs: () => {
    const { parseEvents } = createRequire(import.meta.url)('js-yaml');
    return () => parseEvents(manifests(), {});
  },
};

function moduleFile() {
  return join(dirname(createRequire(import.meta.url).resolve('js-yaml')), 'js-yaml.mjs');
}

/** js-yaml's ES module build with parseEvents's state built by Object.assign instead of spread. */
function withObjectAssign(source) {
  const spread =
    /const state = \{\n(\s*)\.\.\.DEFAULT_PARSER_OPTIONS,\n\s*\.\.\.options,\n([\s\S]*?\n\s*events: \[\]\n\s*)\};/;
  if (!spread.test(source)) {
    console.error(
      `${moduleFile()}: parseEvents does not build its state with this spread; nothing to compare`,
    );
    process.exit(2);
  }
  return source.replace(
    spread,
    'const state = Object.assign({}, DEFAULT_PARSER_OPTIONS, options, {\n$1$2});',
  );
}

let text;
/** 5,000 small Deployments in one multi-document stream. */
function manifests() {
  text ??= Array.from(
    { length: 5_000 },
    (_, i) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  labels: {app: app-${i}}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: "registry.example.com/app:${i}"\n          ports: [{containerPort: 8080}]\n`,
  ).join('---\n');
  return text;
}

const [variant] = process.argv.slice(2);
if (variant !== undefined) {
  if (!(variant in VARIANTS)) {
    console.error(`unknown variant ${variant}: one of ${Object.keys(VARIANTS).join(', ')}`);
    process.exit(2);
  }
  const pass = await VARIANTS[variant]();
  console.log(median(pass).toFixed(1));
} else {
  const runs = {};
  for (let round = 0; round < 5; round++)
    for (const name of Object.keys(VARIANTS)) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: 'utf8' });
      if (child.status !== 0) {
        console.error(child.stderr);
        process.exit(1);
      }
      (runs[name] ??= []).push(Number(child.stdout));
    }
  const times = Object.fromEntries(
    Object.entries(runs).map(([name, values]) => [name, values.sort((x, y) => x - y)[values.length >> 1]]),
  );
  for (const [name, time] of Object.entries(times)) console.log(`${name.padEnd(10)} ${time.toFixed(1)} ms`);
  console.log(`state by spread / by Object.assign:            ${(times.spread / times.assign).toFixed(2)}×`);
  console.log(
    `parseEvents, published / patched (Object.assign): ${(times.published / times.patched).toFixed(2)}×`,
  );
  console.log(
    `parseEvents, published / CommonJS build:          ${(times.published / times.commonjs).toFixed(2)}×`,
  );
}
