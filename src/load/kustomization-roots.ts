import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { isRecord } from '../model/path.ts';
import { kustomizationIn } from './kustomize.ts';
import { parseSource } from './parse.ts';
import { readRegularFile } from './regular-file.ts';

/** The fields of a kustomization that take other kustomizations (or files) as input. */
const REFERENCE_FIELDS = ['resources', 'bases', 'components'] as const;

/** Which of the kustomizations a walk found to build, and notes on the others. */
export interface TopKustomizations {
  readonly roots: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Of the kustomization directories one directory walk found, those to build: the ones no other of
 * them takes as a resource, base or component. A base that overlays of the same walk build is
 * scanned through them (once per overlay, as each would be deployed), not on its own as well; a
 * `kind: Component` is never built on its own. Each left out gets a note saying why.
 */
export async function topKustomizations(
  found: readonly string[],
  maxBytes: number,
): Promise<TopKustomizations> {
  const real = new Map(found.map((directory) => [realPath(directory), directory]));
  const referencedBy = new Map<string, string>();
  const components = new Set<string>();
  for (const directory of found) {
    const kustomization = await readKustomization(directory, maxBytes);
    if (kustomization === undefined) continue;
    if (kustomization.kind === 'Component') components.add(directory);
    for (const field of REFERENCE_FIELDS) {
      const entries = kustomization[field];
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (typeof entry !== 'string') continue;
        const target = real.get(realPath(resolve(directory, entry)));
        if (target !== undefined && target !== directory && !referencedBy.has(target))
          referencedBy.set(target, directory);
      }
    }
  }
  const diagnostics: Diagnostic[] = [];
  const roots = found.filter((directory) => {
    const user = referencedBy.get(directory);
    if (user !== undefined)
      diagnostics.push(note(directory, `kustomization used by ${user}: scanned as part of its build`));
    else if (components.has(directory))
      diagnostics.push(
        note(directory, 'kustomize Component: scanned as part of the kustomizations that use it'),
      );
    return user === undefined && !components.has(directory);
  });
  return { roots, diagnostics };
}

async function readKustomization(
  directory: string,
  maxBytes: number,
): Promise<Record<string, unknown> | undefined> {
  const file = kustomizationIn(directory);
  if (file === undefined) return undefined;
  try {
    const text = (await readRegularFile(file, maxBytes)).toString('utf8');
    const value = parseSource({ file, text, format: 'yaml' }).documents[0]?.value;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function note(file: string, message: string): Diagnostic {
  return { level: 'note', file, line: 0, column: 0, message };
}
