import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CHECKS } from '../checks/registry.ts';
import { UsageError } from '../model/errors.ts';
import { renderCheckTable } from '../render/checks/table.ts';
import { findCheck, selectChecks } from './checks.ts';

/** Runs `checks <args>` through commander in a real process, as the CLI will once wired. */
function runChecks(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const module = pathToFileURL(new URL('./commands/checks.ts', import.meta.url).pathname).href;
  const exit = pathToFileURL(new URL('./exit.ts', import.meta.url).pathname).href;
  const script = [
    `import { checksCommand } from ${JSON.stringify(module)};`,
    `import { reportError } from ${JSON.stringify(exit)};`,
    'const command = checksCommand().exitOverride();',
    'for (const sub of command.commands) sub.exitOverride();',
    `try { await command.parseAsync(${JSON.stringify(['node', 'checks', ...args])}); }`,
    'catch (error) { process.exitCode = reportError(error, process.stderr); }',
  ].join('\n');
  const result = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kubeward checks', () => {
  it('lists every registered check, one row each, under a header', () => {
    const lines = renderCheckTable(CHECKS).trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ID\s+SEVERITY\s+THEME\s+TITLE$/);
    assert.equal(lines.length, CHECKS.length + 1);
  });

  it('filters by theme and by minimum severity', () => {
    for (const check of selectChecks(CHECKS, { theme: 'linux' })) assert.equal(check.theme, 'linux');
    for (const check of selectChecks(CHECKS, { severity: 'high' })) {
      assert.ok(check.severity === 'high' || check.severity === 'critical', check.id);
    }
    assert.throws(() => selectChecks(CHECKS, { theme: 'nope' }), UsageError);
    assert.throws(() => selectChecks(CHECKS, { severity: 'urgent' }), UsageError);
  });

  it('finds a check by id and suggests near ids for an unknown one', () => {
    const first = CHECKS[0];
    assert.ok(first);
    assert.equal(findCheck(CHECKS, first.id), first);
    assert.throws(
      () => findCheck(CHECKS, first.id.split('-')[0] ?? 'x'),
      /did you mean: .*run kubeward checks list/,
    );
  });

  it('prints the list as names and JSON, and explains a check, exiting 0', () => {
    const names = runChecks(['list', '-o', 'name']);
    assert.equal(names.status, 0, names.stderr);
    assert.deepEqual(
      names.stdout.trimEnd().split('\n'),
      CHECKS.map((check) => check.id),
    );
    for (const id of ['certificate-expiry', 'node-file-permissions'])
      assert.ok(names.stdout.split('\n').includes(id), `${id}: checks run on a node's files are listed too`);
    const first = CHECKS[0];
    assert.ok(first);
    const json = runChecks(['explain', first.id, '-o', 'json']);
    assert.equal(json.status, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { id: string }).id, first.id);
    const text = runChecks(['explain', first.id]);
    assert.match(text.stdout, new RegExp(`^ID: +${first.id}\\n`));
  });

  it('exits 2 with one line on stderr for an unknown check', () => {
    const result = runChecks(['explain', 'no-such-check']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^error: unknown check "no-such-check"/);
  });
});
