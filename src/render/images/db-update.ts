import { escapeControls } from '../../model/terminal-text.ts';
import type { EcosystemUpdate } from '../../vulndb/update.ts';

/** One line per ecosystem of `images db update`: what was done, and where the records are. */
export function renderDatabaseUpdate(directory: string, updates: readonly EcosystemUpdate[]): string {
  const lines = updates.map((update) => {
    const name = escapeControls(update.ecosystem);
    if (update.status === 'failed') return `${name}: not updated: ${escapeControls(update.error ?? '')}`;
    const skipped =
      update.skipped.length === 0 ? '' : `, ${String(update.skipped.length)} other files left out`;
    return update.status === 'unchanged'
      ? `${name}: unchanged since the last update (${String(update.records)} records)`
      : `${name}: ${String(update.records)} records from ${escapeControls(update.url)}${skipped}`;
  });
  return `${lines.join('\n')}\n${escapeControls(directory)}: ${String(updates.filter((u) => u.status !== 'failed').length)} of ${String(updates.length)} ecosystems up to date\n`;
}
