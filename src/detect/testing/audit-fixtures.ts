import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RulesFile } from '../index.ts';

/** testdata/detect, the audit events and rules files the detect tests use. */
export const DETECT_TESTDATA = join(import.meta.dirname, '../../../testdata/detect');

/** One trigger and one clear event per official rule, by auditID. */
export interface RuleCase {
  readonly rule: string;
  readonly trigger: string;
  readonly clear: string;
}

/** The audit events of a JSON-lines file (as the API server's log backend writes), by auditID. */
export function auditEvents(file: string): ReadonlyMap<string, Record<string, unknown>> {
  const lines = readFileSync(join(DETECT_TESTDATA, file), 'utf8').split('\n');
  const events = new Map<string, Record<string, unknown>>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    events.set(String(event.auditID), event);
  }
  return events;
}

/** The cases of testdata/detect/official-rules.cases.json. */
export function officialRuleCases(): readonly RuleCase[] {
  return JSON.parse(readFileSync(join(DETECT_TESTDATA, 'official-rules.cases.json'), 'utf8')) as RuleCase[];
}

/** A rules file of testdata/detect, as compileRules takes it. */
export function testRulesFile(name: string): RulesFile {
  return { path: name, text: readFileSync(join(DETECT_TESTDATA, name), 'utf8') };
}

/** One event of a file by auditID; throws when missing, so a typo fails the test. */
export function eventById(
  events: ReadonlyMap<string, Record<string, unknown>>,
  id: string,
): Record<string, unknown> {
  const event = events.get(id);
  if (!event) throw new Error(`no audit event ${id}`);
  return event;
}
