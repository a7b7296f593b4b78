// Where scan, score, rbac and netpol read their objects: one set of source options, parsed the same
// by every command, and one resolution path from the flags to the loader (kustomize builds, helm
// template's argument list).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { helmTemplateArgs } from '../load/helm.ts';
import { runCli } from '../testing/cli.ts';
import { needs } from '../testing/tools.ts';
import { netpolCommand } from './commands/netpol.ts';
import { rbacCommand } from './commands/rbac.ts';
import { scanCommand } from './commands/scan.ts';
import { scoreCommand } from './commands/score.ts';
import { inputSource, readOptionsOf } from './sources.ts';
import type { InputFlags } from './sources.ts';

/** The sub-command `name` of `command`. */
function sub(command: Command, name: string): Command {
  const found = command.commands.find((candidate) => candidate.name() === name);
  assert.ok(found, name);
  return found;
}

/** The commands that read manifests, each with the arguments it needs besides the sources. */
const COMMANDS: readonly { name: string; command: () => Command; args: readonly string[] }[] = [
  { name: 'scan', command: scanCommand, args: [] },
  { name: 'score', command: scoreCommand, args: [] },
  { name: 'rbac who-can', command: () => sub(rbacCommand(), 'who-can'), args: ['get', 'pods'] },
  { name: 'rbac can-i', command: () => sub(rbacCommand(), 'can-i'), args: ['--as', 'alice', '--list'] },
  { name: 'rbac paths', command: () => sub(rbacCommand(), 'paths'), args: [] },
  { name: 'netpol matrix', command: () => sub(netpolCommand(), 'matrix'), args: [] },
  { name: 'netpol generate', command: () => sub(netpolCommand(), 'generate'), args: [] },
];

/** The flags commander parses from `argv` for a command, its action not run. */
function parsed(command: Command, argv: readonly string[]): InputFlags {
  command.exitOverride();
  command.action(() => undefined);
  command.parse([...argv], { from: 'user' });
  return command.opts<InputFlags>();
}

const CHART_FLAGS = [
  '--helm',
  'charts/shop',
  '--values',
  'prod.yaml',
  '--values',
  'eu values.yaml',
  '--set',
  'image.tag=2.0',
  '--set',
  'replicas=3',
  '--release',
  'web',
  '-n',
  'shop',
];

describe('the manifest sources of every command', () => {
  it('render a chart with the same helm template arguments, built from the flags', () => {
    for (const { name, command, args } of COMMANDS) {
      const flags = parsed(command(), [...args, ...CHART_FLAGS]);
      const options = readOptionsOf(flags);
      assert.deepEqual(options.helm, ['charts/shop'], name);
      assert.ok(options.helmOptions, name);
      assert.deepEqual(
        helmTemplateArgs('charts/shop', options.helmOptions),
        [
          'template',
          'web',
          'charts/shop',
          '--namespace',
          'shop',
          '--values',
          'prod.yaml',
          '--values',
          'eu values.yaml',
          '--set',
          'image.tag=2.0',
          '--set',
          'replicas=3',
        ],
        name,
      );
    }
  });

  it('leave out what is not given: no release, no namespace, no values', () => {
    for (const { name, command, args } of COMMANDS) {
      const options = readOptionsOf(parsed(command(), [...args, '--helm', 'charts/shop']));
      assert.ok(options.helmOptions, name);
      assert.deepEqual(
        helmTemplateArgs('charts/shop', options.helmOptions),
        ['template', 'charts/shop'],
        name,
      );
      assert.equal(options.recursive, true, name);
    }
  });

  it('build kustomizations, walk directories or not, and cap file sizes the same way', () => {
    for (const { name, command, args } of COMMANDS) {
      const options = readOptionsOf(
        parsed(command(), [
          ...args,
          '-k',
          'overlays/prod',
          '-k',
          'overlays/dev',
          '--no-recursive',
          '--max-file-size',
          '1Mi',
        ]),
      );
      assert.deepEqual(
        [options.kustomize, options.recursive, options.maxFileSize],
        [['overlays/prod', 'overlays/dev'], false, 1024 * 1024],
        name,
      );
    }
  });
});

describe('choosing between manifests and a live cluster', () => {
  const flags = (extra: Partial<InputFlags>): InputFlags => ({
    filename: [],
    kustomize: [],
    helm: [],
    values: [],
    set: [],
    recursive: true,
    maxFileSize: 1024,
    ...extra,
  });

  it('reads manifests when any source is given, a live cluster on --kubeconfig or --context', () => {
    const choice = { allNamespacesReadsCluster: false };
    assert.equal(inputSource('netpol', [], flags({ kustomize: ['k'] }), choice), 'files');
    assert.equal(inputSource('netpol', [], flags({ helm: ['c'] }), choice), 'files');
    assert.equal(inputSource('netpol', ['a.yaml'], flags({}), choice), 'files');
    assert.equal(inputSource('netpol', [], flags({ context: 'prod' }), choice), 'cluster');
    assert.equal(inputSource('netpol', [], flags({ kubeconfig: 'k' }), choice), 'cluster');
    assert.equal(inputSource('netpol', [], flags({}), choice), 'none');
  });

  it('reads a live cluster on -A alone only where -A means nothing else', () => {
    const all = flags({ allNamespaces: true });
    assert.equal(inputSource('scan', [], all, { allNamespacesReadsCluster: true }), 'cluster');
    assert.equal(inputSource('rbac', [], all, { allNamespacesReadsCluster: false }), 'none');
    assert.equal(
      inputSource('rbac', [], { ...all, filename: ['dump.yaml'] }, { allNamespacesReadsCluster: false }),
      'files',
    );
  });

  it('refuses both at once, naming the flags of each', () => {
    assert.throws(
      () =>
        inputSource('score', [], flags({ helm: ['c'], context: 'prod' }), {
          allNamespacesReadsCluster: true,
        }),
      {
        name: 'UsageError',
        message:
          'score reads either files (paths, -f, -k, --helm) or a live cluster (--kubeconfig, --context, -A), not both',
      },
    );
    assert.throws(
      () =>
        inputSource('netpol', [], flags({ kustomize: ['k'], kubeconfig: 'k' }), {
          allNamespacesReadsCluster: false,
        }),
      {
        message:
          'netpol reads either files (paths, -f, -k, --helm) or a live cluster (--kubeconfig, --context), not both',
      },
    );
  });
});

const CHART = join('testdata', 'helm', 'shop');

describe('a chart given to score, rbac and netpol without helm on PATH', () => {
  it('is one error that gives the helm template command of the flags', () => {
    const hint =
      `${CHART}: error: a Helm chart, and helm is not on PATH to render it: render it and read the output instead: ` +
      `helm template web ${CHART} --namespace shop --values 'eu values.yaml' --set image.tag=2.0 > rendered.yaml\n`;
    const chart = [
      '--helm',
      CHART,
      '--values',
      'eu values.yaml',
      '--set',
      'image.tag=2.0',
      '--release',
      'web',
    ];
    const env = { PATH: join('testdata', 'no-such-directory') };
    const score = runCli(['score', ...chart, '-n', 'shop'], { env });
    assert.deepEqual([score.status, score.stderr, score.stdout], [1, hint, 'Invalid input\n']);
    const rbac = runCli(['rbac', 'who-can', 'get', 'pods', ...chart, '-n', 'shop'], { env });
    assert.deepEqual(
      [rbac.status, rbac.stderr],
      [2, `${hint}error: no usable input: every file failed to load\n`],
    );
    const netpol = runCli(['netpol', 'matrix', ...chart, '-n', 'shop'], { env });
    assert.deepEqual([netpol.status, netpol.stderr], [2, `${hint}error: no usable manifests\n`]);
  });
});

const PROD = join('testdata', 'kustomize', 'overlays', 'prod');

describe('a kustomization given to score, rbac and netpol with -k', needs('kubectl'), () => {
  it('is built and read as scan reads it', () => {
    const score = runCli(['score', '-k', PROD, '-o', 'table']);
    assert.equal(score.status, 2, score.stderr);
    assert.match(
      score.stdout,
      /^Deployment\/prod-web\.prod +-29 +testdata\/kustomize\/overlays\/prod:\d+:1 /m,
    );
    assert.match(score.stdout, /^ {2}Privileged +-30 /m);
    const paths = runCli(['rbac', 'paths', '-k', PROD]);
    assert.equal(paths.status, 0, paths.stderr);
    assert.match(paths.stdout, /^Deployment\/prod-web +prod +default +mounted +-$/m);
    const matrix = runCli(['netpol', 'matrix', '-k', PROD, '-n', 'prod']);
    assert.equal(matrix.status, 0, matrix.stderr);
    assert.match(matrix.stdout, /^deployment\/prod\/prod-web +pod\/prod\/prod-debug +all$/m);
  });
});

describe('a kustomization beside a live cluster', () => {
  it('is refused, naming the flags of each', () => {
    const run = runCli(['netpol', 'matrix', '-k', PROD, '--context', 'prod']);
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      'error: netpol reads either files (paths, -f, -k, --helm) or a live cluster (--kubeconfig, --context), not both\n',
    );
  });
});
