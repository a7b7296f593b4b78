import type { Loaded } from '../load/load.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { InputError, UsageError } from '../model/errors.ts';
import type { Platform } from '../model/image-source.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Inventory } from '../model/inventory.ts';
import type { RegistryFlags } from './commands/registry-options.ts';
import { inputSource, loadScoped } from './sources.ts';
import type { InputFlags } from './sources.ts';

/** What a `kubeward images` command reads: its inputs, their inventory and the platform asked for. */
export interface ImageInputs {
  readonly loaded: Loaded;
  readonly inventory: Inventory;
  /** The platform an index is narrowed to: `--platform`, else this host's. */
  readonly platform: Platform;
}

/**
 * Reads the inputs of `command` (files, `-k`, `--helm`, or a live cluster): diagnostics other than
 * notes are printed on stderr; nothing to read is a UsageError, and inputs that all failed to load
 * an InputError.
 */
export async function readImageInputs(
  command: string,
  paths: readonly string[],
  flags: InputFlags & RegistryFlags & { readonly defaultNamespace?: string },
): Promise<ImageInputs> {
  const source = inputSource(command, paths, flags, { allNamespacesReadsCluster: true });
  if (source === 'none')
    throw new UsageError(
      'nothing to read: give files, directories, -f -, -k DIR or --helm DIR, or read a live cluster with --context NAME or -A',
    );
  const { hostPlatform, parsePlatform } = await import('../registry/platform.ts');
  const platform = flags.platform === undefined ? hostPlatform() : parsePlatform(flags.platform);
  const { loaded } = await loadScoped(paths, flags, source, { secrets: 'none', read: 'scope' });
  for (const diagnostic of loaded.diagnostics)
    if (diagnostic.level !== 'note') process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (loaded.resources.length === 0 && loaded.diagnostics.some((diagnostic) => diagnostic.level === 'error'))
    throw new InputError('no usable input: every file failed to load');
  const inventory = buildInventory(loaded.resources, {
    ...(flags.defaultNamespace === undefined ? {} : { defaultNamespace: flags.defaultNamespace }),
  });
  return { loaded, inventory, platform };
}
