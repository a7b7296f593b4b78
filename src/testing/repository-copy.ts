import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { ROOT } from './scan-examples.ts';
import { findTool } from './tools.ts';

/** A temporary copy of the repository and the environment its documented commands run in. */
export interface RepositoryCopy {
  readonly root: string;
  /** PATH starts with the copy's `kubeward`, `kubectl-ward`, `npx` and `npm` shims; NO_COLOR is set. */
  readonly env: NodeJS.ProcessEnv;
  remove(): void;
}

/** Not copied: installed packages (linked instead), build output, git data, benchmark output. */
const LEFT_OUT: ReadonlySet<string> = new Set(['node_modules', 'dist', '.git', 'bench/out', 'coverage']);

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The shims, by name. `kubeward` and `kubectl-ward` run the copy's build (dist/cli/main.js) when a
 * command built it, else its source through tsx; `npx kubeward` is that same bin, as npm resolves a
 * package's own bin in its directory (never a download). `npm ci` would replace the linked
 * node_modules, so it checks only what npm ci checks first: package-lock.json satisfies package.json.
 */
function shims(root: string, bin: string): Readonly<Record<string, string>> {
  const node = quote(process.execPath);
  const npm = quote(findTool('npm') ?? 'npm');
  const npx = quote(findTool('npx') ?? 'npx');
  const kubeward = [
    `if [ -f ${quote(join(root, 'dist/cli/main.js'))} ]; then exec ${node} ${quote(join(root, 'dist/cli/main.js'))} "$@"; fi`,
    `exec ${node} --import ${quote(import.meta.resolve('tsx'))} ${quote(join(root, 'src/cli/main.ts'))} "$@"`,
  ].join('\n');
  return {
    kubeward,
    'kubectl-ward': kubeward,
    npx: `case "$1" in kubeward|kubectl-ward) shift; exec ${quote(join(bin, 'kubeward'))} "$@";; esac\nexec ${npx} "$@"`,
    npm: `if [ "$1" = ci ]; then exec ${npm} ls --package-lock-only --all >/dev/null; fi\nexec ${npm} "$@"`,
  };
}

/**
 * Copies the repository (without node_modules, dist and .git) to a temporary directory, links the
 * installed node_modules into it, and writes the shims that make documented commands run the copy.
 */
export function copyRepository(): RepositoryCopy {
  const base = mkdtempSync(join(tmpdir(), 'kubeward-docs-'));
  const root = join(base, 'kubeward');
  const bin = join(base, 'bin');
  cpSync(ROOT, root, { recursive: true, filter: (source) => !LEFT_OUT.has(relative(ROOT, source)) });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  mkdirSync(bin);
  for (const [name, script] of Object.entries(shims(root, bin))) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
  };
  delete env.NODE_OPTIONS;
  return {
    root,
    env,
    remove: () => {
      rmSync(base, { recursive: true, force: true });
    },
  };
}
