import { mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { findExecutable } from './executable.ts';
import { runTool } from './run-tool.ts';

/** The file names kustomize looks for in a kustomization directory, in the order it tries them. */
export const KUSTOMIZATION_FILES: readonly string[] = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** The annotation `buildMetadata: [originAnnotations]` puts on every object kustomize builds. */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** How to install a renderer, said when neither is on PATH. */
const INSTALL_HINT =
  'install kubectl (https://kubernetes.io/docs/tasks/tools/) or kustomize ' +
  '(https://kubectl.docs.kubernetes.io/installation/kustomize/)';

/** The kustomization file of a directory, or undefined when it holds none. */
export function kustomizationIn(directory: string): string | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const file = join(directory, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** A program that builds kustomizations: `kustomize build DIR` or `kubectl kustomize DIR`. */
export interface Kustomizer {
  /** How the report names it: `kustomize build` or `kubectl kustomize`. */
  readonly name: string;
  readonly file: string;
  readonly args: (directory: string) => readonly string[];
}

/** The standalone kustomize when it is on PATH, else kubectl's built-in one, else undefined. */
export function findKustomizer(path?: string): Kustomizer | undefined {
  const kustomize = findExecutable('kustomize', path);
  if (kustomize !== undefined)
    return { name: 'kustomize build', file: kustomize, args: (directory) => ['build', directory] };
  const kubectl = findExecutable('kubectl', path);
  if (kubectl !== undefined)
    return { name: 'kubectl kustomize', file: kubectl, args: (directory) => ['kustomize', directory] };
  return undefined;
}

/** The objects one kustomization builds to, and how to read the origin annotations on them. */
export interface KustomizeBuild {
  /** The kustomization directory as the user gave it. */
  readonly root: string;
  /** The YAML stream kustomize printed. */
  readonly text: string;
  /** A path of an origin annotation as a path the way the user gives them (relative stays relative). */
  readonly resolve: (originPath: string) => string;
}

/** Options for {@link buildKustomization}. */
export interface BuildOptions {
  /** Most bytes of output read (`--max-file-size`). */
  readonly maxBytes: number;
  /** The renderer; {@link findKustomizer}'s by default. */
  readonly kustomizer?: Kustomizer | undefined;
}

/**
 * Builds the kustomization in `root` with origin annotations on, without writing into it: a
 * temporary kustomization elsewhere takes `root` as its one resource and sets `buildMetadata:
 * [originAnnotations]`, so every object says which file (or generator) it came from. Gives the
 * build, or an error diagnostic (no renderer on PATH, a failed build) that names `root`.
 */
export async function buildKustomization(
  root: string,
  options: BuildOptions,
): Promise<KustomizeBuild | Diagnostic> {
  const kustomizer = 'kustomizer' in options ? options.kustomizer : findKustomizer();
  if (kustomizer === undefined)
    return error(
      root,
      `a kustomization, and neither kubectl nor kustomize is on PATH to build it: ${INSTALL_HINT}; ` +
        `or build it yourself and read the output instead: kubectl kustomize ${root} > rendered.yaml`,
    );
  const real = realpathSync(root);
  const wrapper = mkdtempSync(join(realpathSync(tmpdir()), 'kubeward-kustomize-'));
  try {
    const reference = relative(wrapper, real);
    writeFileSync(
      join(wrapper, 'kustomization.yaml'),
      `resources:\n- ${JSON.stringify(reference)}\nbuildMetadata: [originAnnotations]\n`,
    );
    const result = await runTool(kustomizer.file, kustomizer.args(wrapper), { maxBytes: options.maxBytes });
    if (!result.ok) {
      const reason = result.reason.replaceAll(reference, root).replaceAll(wrapper, root);
      return error(root, `${kustomizer.name} failed: ${reason}`);
    }
    const shown = (path: string): string => (isAbsolute(root) ? path : relative(process.cwd(), path) || '.');
    return { root, text: result.stdout, resolve: (originPath) => shown(resolve(wrapper, originPath)) };
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}

function error(file: string, message: string): Diagnostic {
  return { level: 'error', file, line: 0, column: 0, message };
}
