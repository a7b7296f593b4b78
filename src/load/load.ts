import type { Diagnostic } from '../model/diagnostic.ts';
import type { Resource } from '../model/resource.ts';
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

/** Reads, parses and expands every input; never throws for a problem with the input itself. */
export async function load(paths: readonly string[], options: ReadOptions): Promise<LoadedFiles> {
  const { sources, diagnostics, others } = await readSources(paths, options);
  const loaded = loadSources(sources);
  return { ...loaded, diagnostics: [...diagnostics, ...loaded.diagnostics], others };
}

/** Parses and expands sources already in memory (stdin, a webhook request, tests). */
export function loadSources(sources: readonly ReadSource[]): Loaded {
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const parsed = parseSource(source);
    const objects = toResources(source, parsed.documents);
    for (const diagnostic of parsed.diagnostics) diagnostics.push(diagnostic);
    for (const resource of objects.resources) resources.push(resource);
    for (const diagnostic of objects.diagnostics) diagnostics.push(diagnostic);
  }
  return { resources, diagnostics, files: sources.length };
}
