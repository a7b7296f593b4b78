import { hostname } from 'node:os';
import { readAuditEvents } from '../load/audit/read.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import { escapeControls } from '../model/terminal-text.ts';
import { renderStats } from '../render/detect/stats.ts';
import { useColor } from './color.ts';
import { alertWriter } from './detect-alerts.ts';
import type { AlertFlags, AlertWriter } from './detect-alerts.ts';
import { loadRuleset } from './detect-rules.ts';
import type { RulesFlags } from './detect-rules.ts';

export type { CoverageFlags } from './detect-coverage.ts';
export type { DetectServeFlags } from './detect-serve.ts';

/** The flags of `kubeward detect`, as commander parses them. */
export interface DetectFlags extends RulesFlags, AlertFlags {
  readonly follow: boolean;
  readonly maxLineSize: number;
}

/** Problems shown per input; the rest are counted (a binary file would give one per line). */
const MAX_DIAGNOSTICS_PER_INPUT = 100;
/** How often a followed file is looked at once its end was reached. */
const FOLLOW_INTERVAL_MS = 250;

/**
 * `kubeward detect [files…]`: reads each input's audit events in turn (all at once with -F, which
 * never ends by itself), matches them and writes their alerts as they are found; stats to stderr on
 * SIGUSR1 and at the end (SIGINT and SIGTERM end the run, stats included). Exit 2 when some input
 * could not be used, else 1 when an alert reached --fail-on.
 */
export async function detect(files: readonly string[], flags: DetectFlags): Promise<void> {
  const ruleset = await loadRuleset(flags, process.stderr);
  if (files.length === 0 && process.stdin.isTTY)
    throw new UsageError('no audit events to read: name files (or - for stdin), or pipe events to stdin');
  const inputs = files.length > 0 ? files : ['-'];
  const controller = new AbortController();
  const stop = (): void => {
    controller.abort();
    if (inputs.includes('-')) process.stdin.destroy();
  };
  const writer = alertWriter(ruleset, flags, process.stdout, {
    hostname: flags.hostname ?? hostname(),
    color: useColor(flags.color, process.stdout),
    closed: stop,
  });
  const report = (): void => {
    process.stderr.write(renderStats(writer.stats(), true));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGUSR1', report);
  const outcome = { unusable: false };
  try {
    const readOne = async (input: string): Promise<void> => {
      if (await readInput(input, flags, writer, controller.signal)) outcome.unusable = true;
    };
    if (flags.follow) await Promise.all(inputs.map(readOne));
    else for (const input of inputs) if (!controller.signal.aborted) await readOne(input);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.off('SIGUSR1', report);
  }
  process.stderr.write(renderStats(writer.stats()));
  process.exitCode = outcome.unusable ? 2 : writer.failed ? 1 : 0;
}

/** Reads one input to its end (or until `signal`); true when some of it could not be used. */
async function readInput(
  input: string,
  flags: DetectFlags,
  writer: AlertWriter,
  signal: AbortSignal,
): Promise<boolean> {
  let unusable = false;
  let shown = 0;
  let hidden = 0;
  const follow = flags.follow
    ? {
        signal,
        intervalMs: FOLLOW_INTERVAL_MS,
        notice: (message: string) => process.stderr.write(`note: ${escapeControls(message)}\n`),
      }
    : undefined;
  const batches = readAuditEvents(input, {
    maxLineBytes: flags.maxLineSize,
    maxFileSize: flags.maxFileSize,
    ...(follow === undefined ? {} : { follow }),
  });
  for await (const batch of batches) {
    for (const diagnostic of batch.diagnostics) {
      if (diagnostic.level === 'error') unusable = true;
      if (shown++ < MAX_DIAGNOSTICS_PER_INPUT) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
      else hidden++;
    }
    writer.drop(batch.dropped);
    await writer.write(batch.events);
    if (signal.aborted) break;
  }
  if (hidden > 0)
    process.stderr.write(
      `${escapeControls(input === '-' ? '<stdin>' : input)}: ${String(hidden)} more problems not shown\n`,
    );
  return unusable;
}
