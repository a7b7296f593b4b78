import type { Diagnostic } from '../model/diagnostic.ts';
import { DEFAULT_MAX_FILE_SIZE } from './file-size.ts';
import type { Resource } from '../model/resource.ts';
import { atTemplates, isHelmOutput } from './helm-sources.ts';
import { relocateBuild } from './kustomize-origin.ts';
import { toResources } from './objects.ts';
import { parseSource } from './parse.ts';
import { readSources } from './read.ts';
import type { ReadOptions, ReadSource } from './read.ts';

/** Everything loaded from the inputs, with every problem met on the way. */
export interface Loaded {
  readonly resources: readonly Resource[];
  readonly diagnostics: readonly Diagnostic[];
  /** Number of files (and stdin) read. */
  readonly files: number;
}

/** What {@link load} read from disk: the loaded inputs, and the files of `options.others` it found. */
export interface LoadedFiles extends Loaded {
  readonly others: readonly string[];
}

/**
 * Reads, parses and expands every input; never throws for a problem with the input itself. The
 * objects a kustomization built are traced to the files they came from.
 */
export async function load(paths: readonly string[], options: ReadOptions): Promise<LoadedFiles> {
  const { sources, diagnostics, others } = await readSources(paths, options);
  const resources: Resource[] = [];
  const all = [...diagnostics];
  for (const source of sources) {
    const loaded = loadSources([source]);
    for (const diagnostic of loaded.diagnostics) all.push(diagnostic);
    if (source.kustomize === undefined) {
      for (const resource of loaded.resources) resources.push(resource);
      continue;
    }
    const relocated = await relocateBuild(
      source.kustomize,
      loaded.resources,
      options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    );
    for (const resource of relocated.resources) resources.push(resource);
    for (const diagnostic of relocated.diagnostics) all.push(diagnostic);
  }
  return { resources, diagnostics: all, files: sources.length, others };
}

/**
 * Parses and expands sources already in memory (stdin, a webhook request, tests). Objects of
 * `helm template` output are located at their templates (its `# Source:` comments).
 */
export function loadSources(sources: readonly ReadSource[]): Loaded {
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    const objects = toResources(source, parsed.documents);
    for (const diagnostic of parsed.diagnostics) diagnostics.push(diagnostic);
    const located = isHelmOutput(source)
      ? atTemplates(source, objects.resources, source.chart)
      : objects.resources;
    for (const resource of located) resources.push(resource);
    for (const diagnostic of objects.diagnostics) diagnostics.push(diagnostic);
  }
  return { resources, diagnostics, files: sources.length };
}
