import type { Writable } from 'node:stream';
import { atLeast, parsePriority } from '../detect/index.ts';
import type { Priority, Ruleset } from '../detect/index.ts';
import type { AuditEvent } from '../load/audit/events.ts';
import { UsageError } from '../model/errors.ts';
import { falcoJsonLine } from '../render/detect/falco-json.ts';
import type { DetectStats } from '../render/detect/stats.ts';
import { alertTable } from '../render/detect/table.ts';
import { writeChunks } from './write-chunks.ts';

/** The alert flags every detect command that matches events shares. */
export interface AlertFlags {
  readonly output?: 'table' | 'json';
  readonly minPriority?: string;
  readonly failOn?: string;
  readonly hostname?: string;
  readonly color: boolean;
}

/** Matches events and writes their alerts, counting as it goes. */
export interface AlertWriter {
  /** Matches a batch of events and writes its alerts (waiting for the stream to drain). */
  write(events: readonly AuditEvent[]): Promise<void>;
  /** Counts lines or items that held no event. */
  drop(count: number): void;
  stats(): DetectStats;
  /** Whether an alert at or above --fail-on was raised. */
  readonly failed: boolean;
}

/** A priority flag as Falco reads priorities (any case, `info`), or a usage error. */
export function priorityFlag(flag: string, text: string | undefined): Priority | undefined {
  if (text === undefined) return undefined;
  const parsed = parsePriority(text);
  if (parsed === undefined) throw new UsageError(`${flag}: unknown priority "${text}"`);
  return parsed;
}

/**
 * An {@link AlertWriter} to `stdout`: Falco JSON lines with `-o json` (the default off a terminal),
 * else a table whose header is written before the first alert. When the reader of stdout goes away
 * (`detect … | head`), writing stops quietly and `closed` is called; counting goes on.
 */
export function alertWriter(
  ruleset: Ruleset,
  flags: AlertFlags,
  stdout: Writable & { readonly isTTY?: boolean },
  options: {
    readonly hostname: string;
    readonly color: boolean;
    /** Called once when the reader of stdout went away (EPIPE): nothing more is written. */
    readonly closed?: () => void;
  },
): AlertWriter {
  const minimum = priorityFlag('--min-priority', flags.minPriority) ?? 'DEBUG';
  const failOn = priorityFlag('--fail-on', flags.failOn);
  const json = (flags.output ?? (stdout.isTTY === true ? 'table' : 'json')) === 'json';
  const table = json
    ? undefined
    : alertTable({
        color: options.color,
        ruleNames: ruleset.rules.filter((rule) => rule.enabled).map((rule) => rule.name),
      });
  let headerDone = false;
  const counts = { events: 0, matched: 0, alerts: 0, shown: 0, dropped: 0 };
  const byRule = new Map<string, number>();
  let failed = false;
  let closed = false;
  return {
    async write(events) {
      const lines: string[] = [];
      for (const event of events) {
        counts.events++;
        const alerts = ruleset.match(event);
        if (alerts.length === 0) continue;
        counts.matched++;
        for (const alert of alerts) {
          counts.alerts++;
          byRule.set(alert.rule, (byRule.get(alert.rule) ?? 0) + 1);
          if (failOn !== undefined && atLeast(alert.priority, failOn)) failed = true;
          if (!atLeast(alert.priority, minimum)) continue;
          counts.shown++;
          if (table === undefined) lines.push(falcoJsonLine(alert, options.hostname));
          else {
            if (!headerDone) lines.push(table.header);
            headerDone = true;
            lines.push(table.row(alert));
          }
        }
      }
      if (lines.length === 0 || closed) return;
      try {
        await writeChunks(stdout, lines);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
        closed = true;
        options.closed?.();
      }
    },
    drop(count) {
      counts.dropped += count;
    },
    stats: () => ({ ...counts, byRule: new Map(byRule) }),
    get failed() {
      return failed;
    },
  };
}
