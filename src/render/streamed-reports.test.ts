// Reports too large to hold as one string (a million findings make gigabytes) are written in
// chunks; these tests show each format makes many chunks of bounded size, spelling exactly what the
// whole document would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dump } from '../load/js-yaml.ts';
import type { Finding } from '../model/finding.ts';
import type { Report } from '../report/report.ts';
import { PRIVILEGED_HOST_PID_POD, scanText } from '../testing/scan-text.ts';
import { reportDocument } from './document.ts';
import { renderJsonChunks } from './json.ts';
import { jsonText } from './json-text.ts';
import { renderJunitChunks } from './junit.ts';
import { renderSarifChunks, sarifLog } from './sarif.ts';
import { CHUNK_SIZE, StreamedList } from './streamed.ts';
import { renderYamlChunks } from './yaml.ts';

const scanned = scanText(PRIVILEGED_HOST_PID_POD);

/** The scanned report with `count` findings, its own repeated (each with another message). */
function withFindings(count: number, change: (finding: Finding, i: number) => Finding = (f) => f): Report {
  const own = scanned.findings;
  return {
    ...scanned,
    findings: Array.from({ length: count }, (_, i) => {
      const finding = own[i % own.length];
      assert.ok(finding);
      return change({ ...finding, message: `${finding.message} (${String(i)})` }, i);
    }),
  };
}

const materialized = (document: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(document).map(([key, value]) => [key, value instanceof StreamedList ? [...value] : value]),
  );

/** Many chunks, none much above the chunk size, none empty. */
function assertBounded(chunks: readonly string[], atLeast: number): void {
  assert.ok(chunks.length >= atLeast, `${String(chunks.length)} chunks`);
  for (const chunk of chunks) {
    assert.ok(chunk.length > 0);
    assert.ok(chunk.length < CHUNK_SIZE + 4096, `a chunk of ${String(chunk.length)} characters`);
  }
}

describe('reports of many findings are written in bounded chunks', () => {
  const large = withFindings(50_000);

  it('JSON: hundreds of chunks that parse together to the whole document', () => {
    const chunks = [...renderJsonChunks(large)];
    assertBounded(chunks, 200);
    const text = chunks.join('');
    const expected = materialized(reportDocument(large));
    assert.equal(text, jsonText(expected));
    const parsed = JSON.parse(text) as { findings: { message: string }[] };
    assert.deepEqual(parsed, JSON.parse(JSON.stringify(expected)));
    assert.equal(parsed.findings.length, 50_000);
    assert.match(parsed.findings[49_999]?.message ?? '', / \(49999\)$/);
  });

  it('SARIF: hundreds of chunks that parse together to the log', () => {
    const options = { baseDirectory: process.cwd() };
    const chunks = [...renderSarifChunks(large, options)];
    assertBounded(chunks, 200);
    const log = sarifLog(large, options);
    assert.equal(chunks.join(''), jsonText(log));
    assert.equal((JSON.parse(chunks.join('')) as typeof log).runs[0]?.results?.length, 50_000);
  });

  it('JUnit: many chunks, every failure in them', () => {
    const many = { ...scanned, objects: Array.from({ length: 5_000 }, () => scanned.objects).flat() };
    const chunks = [...renderJunitChunks(many)];
    assertBounded(chunks, 20);
    const text = chunks.join('');
    assert.ok(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeward"'));
    assert.ok(text.endsWith('</testsuites>\n'));
    assert.equal(text.split('<testsuite ').length - 1, many.objects.length);
    const failures = (junit: string): number => junit.split('<failure ').length - 1;
    const perObject = failures([...renderJunitChunks(scanned)].join(''));
    assert.ok(perObject > 5);
    assert.equal(failures(text), many.objects.length * perObject);
  });

  it('YAML: many chunks, exactly as js-yaml dumps the whole document', () => {
    const chunks = [...renderYamlChunks(withFindings(5_000))];
    assertBounded(chunks, 20);
  });
});

describe('-o yaml in chunks', () => {
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
  const visible = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value, (_key, member: unknown) =>
        typeof member === 'string'
          ? member.replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
          : member,
      ),
    );
  const whole = (report: Report): string =>
    dump(visible(materialized(reportDocument(report))), { lineWidth: -1, noRefs: true });

  it('spells js-yaml’s dump of the whole document, multi-line and hostile text included', () => {
    const hostile = withFindings(40, (finding, i) => ({
      ...finding,
      message: [
        `line one\n  indented two\n\nafter a blank line ${String(i)}`,
        ` leading space\ntrailing space \nend`,
        'bidi \u202e and escape \x1b[2K and C1 \x9b',
        '- looks like a list: {and: flow}',
        '',
      ][i % 5] as string,
      ...(i % 3 === 0 ? { suppressed: { by: 'config', reason: 'reviewed\nby security' } } : {}),
    }));
    const text = [...renderYamlChunks(hostile)].join('');
    assert.equal(text, whole(hostile));
    assert.match(text, /\n {4}message: \|-\n {6}line one\n {8}indented two\n\n {6}after a blank line 0\n/);
  });

  it('writes an empty findings list as js-yaml does', () => {
    const empty = { ...scanned, findings: [] };
    const text = [...renderYamlChunks(empty)].join('');
    assert.equal(text, whole(empty));
    assert.match(text, /\nfindings: \[\]\n/);
  });
});
