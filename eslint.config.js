import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first (docs/architecture.md). A file may import its own layer and the
 * layers below; engines (layer 2) may not import each other. Tests and testing/ folders may import
 * anything; production code never imports a testing/ folder.
 */
const LAYERS = [
  { name: 'model', entries: ['model', 'version.ts'] },
  { name: 'load', entries: ['load'] },
  {
    name: 'engines',
    entries: ['pss', 'netpol', 'rbac', 'score', 'controlplane', 'policy', 'detect', 'images'],
    isolated: true,
  },
  { name: 'checks', entries: ['checks'] },
  { name: 'runs', entries: ['scan', 'report', 'config', 'probe', 'cluster', 'registry', 'vulndb'] },
  { name: 'render', entries: ['render'] },
  { name: 'commands', entries: ['cli', 'webhook', 'docs', 'index.ts'] },
];

/** Deepest folder level below src/ that the rules cover (src/policy/cel/lib/x.ts is 3). */
const MAX_DEPTH = 5;

const TEST_FILES = ['**/*.test.ts', '**/*.conformance.ts', 'src/**/testing/**'];

const bare = (names) => names.flatMap((name) => [name, `node:${name}`]);

/** Reading and writing files and running processes: only the load layer and the commands do that. */
const FILE_IO = bare(['fs', 'fs/promises', 'child_process', 'readline', 'worker_threads']).map((name) => ({
  name,
  message: 'files, stdin and processes are read in src/load (docs/architecture.md)',
}));

/** Sockets and servers; `node:net`'s address helpers are pure and stay allowed. */
const NETWORK_IO = [
  ...bare(['http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises']).map((name) => ({
    name,
    message:
      'network I/O belongs to src/probe, src/cluster, src/registry, src/vulndb and src/webhook (docs/architecture.md)',
  })),
  ...bare(['net']).map((name) => ({
    name,
    allowImportNames: ['isIP', 'isIPv4', 'isIPv6'],
    message: 'only the pure address helpers of node:net (isIP, isIPv4, isIPv6) may be used here',
  })),
];

/** The process itself (environment, arguments, standard streams): pure layers are given what they need. */
const PROCESS = bare(['process', 'os']).map((name) => ({
  name,
  message: 'engines and checks take what they need as arguments (docs/architecture.md)',
}));

/** Which I/O modules the files of each layer (or of one folder, when it differs) may not import. */
const FORBIDDEN_IO = {
  model: [...FILE_IO, ...NETWORK_IO, ...PROCESS],
  load: NETWORK_IO,
  engines: [...FILE_IO, ...NETWORK_IO, ...PROCESS],
  checks: [...FILE_IO, ...NETWORK_IO, ...PROCESS],
  runs: [...FILE_IO, ...NETWORK_IO],
  probe: FILE_IO,
  cluster: FILE_IO,
  registry: FILE_IO,
  vulndb: FILE_IO,
  render: [...FILE_IO, ...NETWORK_IO],
  commands: [],
};

/** The readers of src/load; its parsers (parseSource, loadSources) stay open to every layer. */
const LOAD_READERS = [
  'load/read.ts',
  'load/regular-file.ts',
  'load/find-files.ts',
  'load/config-file.ts',
  'load/executable.ts',
  'load/run-tool.ts',
  'load/kustomize.ts',
  'load/kustomize-origin.ts',
  'load/kustomization-roots.ts',
  'load/helm.ts',
  'load/node',
  'load/audit/read.ts',
  'load/audit/follow.ts',
];

/** Layers that may not call the readers either: they are given what was read. */
const NO_READING = new Set(['engines', 'checks', 'render']);

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex for an import specifier, written in a file `depth` folders below src/, that reaches `entry`. */
function reaching(entries, depth) {
  const up = depth === 0 ? '\\./' : `(\\.\\./){${String(depth)}}`;
  const names = entries.map((entry) => (entry.endsWith('.ts') ? `${escape(entry)}$` : `${escape(entry)}/`));
  return `^${up}(${names.join('|')})`;
}

/** The `no-restricted-imports` options for the files of `entry` (in `layer`) at `depth`. */
function restrictions(layer, index, entry, depth) {
  const patterns = [
    {
      regex: '^\\.{1,2}/(.*/)?testing/',
      message: 'test helpers (testing/ folders) are for tests only and never reach dist/',
    },
  ];
  LAYERS.forEach((above, aboveIndex) => {
    if (aboveIndex > index)
      patterns.push({
        regex: reaching(above.entries, depth),
        message: `src/${entry} is in layer ${String(index)} (${layer.name}) and may not import layer ${String(aboveIndex)} (${above.entries.join(', ')}); see docs/architecture.md`,
      });
  });
  if (NO_READING.has(layer.name)) {
    const message = `src/${entry} is given what was read: only the runs and commands call the readers of src/load (docs/architecture.md)`;
    patterns.push({ regex: reaching(LOAD_READERS, depth), allowTypeImports: true, message });
    patterns.push({ regex: reaching(['load/load.ts'], depth), importNames: ['load'], message });
  }
  if (layer.isolated) {
    const others = layer.entries.filter((other) => other !== entry);
    patterns.push({
      regex: reaching(others, depth),
      message: `engines do not import each other (src/${entry} -> ${others.join(', ')}); share through src/model or src/load, see docs/architecture.md`,
    });
  }
  return ['error', { paths: FORBIDDEN_IO[entry] ?? FORBIDDEN_IO[layer.name], patterns }];
}

/** One config object per layer entry and folder depth: a relative specifier means one place per depth. */
const layerConfigs = LAYERS.flatMap((layer, index) =>
  layer.entries.flatMap((entry) => {
    const depths = entry.endsWith('.ts') ? [0] : Array.from({ length: MAX_DEPTH }, (_, i) => i + 1);
    return depths.map((depth) => ({
      files: [depth === 0 ? `src/${entry}` : `src/${entry}/${'*/'.repeat(depth - 1)}*.ts`],
      ignores: TEST_FILES,
      rules: { '@typescript-eslint/no-restricted-imports': restrictions(layer, index, entry, depth) },
    }));
  }),
);

/** Pure layers reach no process state and no network through globals either. */
const pureGlobals = {
  files: ['model', 'version.ts', 'pss', 'netpol', 'rbac', 'score', 'controlplane', 'policy', 'checks'].map(
    (entry) => (entry.endsWith('.ts') ? `src/${entry}` : `src/${entry}/**/*.ts`),
  ),
  ignores: TEST_FILES,
  rules: {
    'no-restricted-globals': [
      'error',
      {
        name: 'process',
        message: 'engines and checks take what they need as arguments (docs/architecture.md)',
      },
      {
        name: 'fetch',
        message: 'network I/O belongs to src/probe, src/cluster and src/webhook (docs/architecture.md)',
      },
    ],
  },
};

/** A spread argument: V8 passes each element on the stack, so a large array overflows it. */
const SPREAD_ARGUMENT =
  'no spread into a call: each element becomes an argument on the stack and a large array overflows it (RangeError: Maximum call stack size exceeded); loop, or pass the array';

/**
 * Syntax no TypeScript file may use (one list: a later config's options for a rule replace the
 * earlier ones): js-yaml's values come from its fast CommonJS build, through one module
 * (src/load/js-yaml.ts); no array is spread into the arguments of a call (`push(...items)`,
 * `Math.max(...widths)`), however small it looks.
 */
const restrictedSyntax = {
  files: ['**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "ImportDeclaration[source.value='js-yaml'][importKind!='type']",
        message: 'import js-yaml values from src/load/js-yaml.ts: its CommonJS build, one per process',
      },
      { selector: 'CallExpression > SpreadElement', message: SPREAD_ARGUMENT },
      { selector: 'NewExpression > SpreadElement', message: SPREAD_ARGUMENT },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'bench/out/',
      'eslint.config.js',
      'scripts/*.mjs',
      'bench/*.mjs',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'it', 'test', 'suite'], package: 'node:test' },
          ],
        },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...layerConfigs,
  pureGlobals,
  restrictedSyntax,
);
