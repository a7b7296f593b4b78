import { homedir } from 'node:os';
import { join } from 'node:path';
import { indexedFolders } from '../load/osv/index-file.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { renderDatabaseUpdate } from '../render/images/db-update.ts';
import { VERSION } from '../version.ts';
import { indexOsvDirectory } from '../vulndb/database.ts';
import { OSV_EXPORTS, updateOsvDatabase } from '../vulndb/update.ts';
import { EXIT } from './exit.ts';

/** The flags of `images db update`. */
export interface DbUpdateFlags {
  readonly dir?: string;
  readonly ecosystem: readonly string[];
  readonly baseUrl?: string;
}

/** Ecosystems updated when none are named and the directory holds none yet: those image packages are filed under. */
export const DEFAULT_ECOSYSTEMS = ['Debian', 'Alpine', 'npm', 'PyPI'] as const;

/** Longest wait for an answer, and for each read of the download. */
const TIMEOUT_MS = 60_000;

/** Where the OSV database is kept by default: `$XDG_CACHE_HOME/kubeward/osv`, else `~/.cache/kubeward/osv`. */
export function defaultOsvDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const cache =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : join(homedir(), '.cache');
  return join(cache, 'kubeward', 'osv');
}

function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
}

/**
 * `kubeward images db update`: OSV's exports of the ecosystems named (else those the directory
 * holds, else {@link DEFAULT_ECOSYSTEMS}) downloaded, unpacked and indexed; exit 2 when one failed.
 */
export async function imagesDbUpdate(flags: DbUpdateFlags): Promise<void> {
  const directory = flags.dir ?? defaultOsvDirectory();
  const held = (await indexedFolders(directory)).map((folder) =>
    folder.slice(directory.length).replace(/^\/+/, ''),
  );
  const ecosystems =
    flags.ecosystem.length > 0
      ? [...new Set(flags.ecosystem)]
      : held.length > 0
        ? held
        : [...DEFAULT_ECOSYSTEMS];
  const updates = await updateOsvDatabase({
    directory,
    ecosystems,
    baseUrl: flags.baseUrl ?? OSV_EXPORTS,
    timeoutMs: TIMEOUT_MS,
    userAgent: `kubeward/${VERSION}`,
  });
  for (const update of updates) printDiagnostics(update.diagnostics);
  process.stdout.write(renderDatabaseUpdate(directory, updates));
  process.exitCode = updates.some((update) => update.status === 'failed') ? EXIT.usage : EXIT.clean;
}

/** `kubeward images db index DIR`: a directory of OSV records indexed for fast matching. */
export async function imagesDbIndex(directory: string): Promise<void> {
  const { records, diagnostics } = await indexOsvDirectory(directory);
  printDiagnostics(diagnostics);
  process.stdout.write(`${directory}: ${String(records)} records indexed\n`);
}
