import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { auditEvent, jsonLines } from '../../testing/audit-events.ts';
import { makeFifo, releaseFifoAfter } from '../../testing/hostile-files.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { formatDiagnostic } from '../../model/diagnostic.ts';
import type { AuditEvent } from './events.ts';
import { readAuditEvents } from './read.ts';
import type { AuditReadOptions } from './read.ts';

const root = mkdtempSync(join(tmpdir(), 'kubeward-audit-'));
after(() => {
  rmSync(root, { recursive: true, force: true });
});

const OPTIONS: AuditReadOptions = { maxLineBytes: 64 * 1024, maxFileSize: 1024 * 1024 };

function file(name: string, content: string | Buffer): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

interface Read {
  readonly events: AuditEvent[];
  readonly diagnostics: string[];
  readonly dropped: number;
  readonly batches: number;
}

async function read(input: string, options: Partial<AuditReadOptions> = {}): Promise<Read> {
  const result: Read = { events: [], diagnostics: [], dropped: 0, batches: 0 };
  let dropped = 0;
  let batches = 0;
  for await (const batch of readAuditEvents(input, { ...OPTIONS, ...options })) {
    batches++;
    for (const event of batch.events) result.events.push(event);
    for (const diagnostic of batch.diagnostics) result.diagnostics.push(shown(diagnostic));
    dropped += batch.dropped;
  }
  return { ...result, dropped, batches };
}

const shown = (diagnostic: Diagnostic): string => formatDiagnostic(diagnostic).replace(`${root}/`, '');
const verbs = (events: readonly AuditEvent[]): unknown[] => events.map((event) => event.verb);

describe('reading audit events', () => {
  it('reads the JSON lines of the log backend, skipping blank lines, with CRLF line ends', async () => {
    const text = jsonLines([auditEvent({ verb: 'create' }), auditEvent({ verb: 'delete' })]);
    const { events, diagnostics } = await read(
      file('audit.log', `${text}\n  \n${text.replace(/\n/g, '\r\n')}`),
    );
    assert.deepEqual(verbs(events), ['create', 'delete', 'create', 'delete']);
    assert.deepEqual(diagnostics, []);
  });

  it('reports a bad line at file:line:column and reads on', async () => {
    const good = JSON.stringify(auditEvent());
    const path = file(
      'bad.log',
      `${good}\n{"kind":"Event",}\n${good}\n[1]\n{"kind":"Pod","apiVersion":"v1"}\n`,
    );
    const { events, diagnostics, dropped } = await read(path);
    assert.equal(events.length, 2);
    assert.equal(dropped, 3);
    assert.deepEqual(diagnostics, [
      'bad.log:2:17: error: invalid JSON: Expected double-quoted property name in JSON at position 16',
      'bad.log:4: error: not an audit event: a JSON list',
      'bad.log:5: error: not an audit event: kind "Pod", expected Event or EventList',
    ]);
  });

  it('names a position for JSON errors V8 gives none for, and refuses deep nesting before scanning it', async () => {
    const path = file('pos.log', `{"kind":}\n${'['.repeat(300)}x\n`);
    const { diagnostics } = await read(path);
    assert.deepEqual(diagnostics, [
      `pos.log:1:9: error: invalid JSON: Unexpected token '}', "{"kind":}" is not valid JSON`,
      'pos.log:2:257: error: invalid JSON: nesting deeper than 256 levels',
    ]);
  });

  it('refuses events of another audit API version, saying which one it reads', async () => {
    const event = { ...auditEvent(), apiVersion: 'audit.k8s.io/v1beta1' };
    const { events, diagnostics } = await read(file('beta.log', jsonLines([event])));
    assert.equal(events.length, 0);
    assert.match(
      diagnostics[0] ?? '',
      /^beta\.log:1: error: Event of apiVersion "audit\.k8s\.io\/v1beta1" is not read: expected audit\.k8s\.io\/v1/,
    );
  });

  it('expands an EventList on a line, keeping its good items when one is bad', async () => {
    const list = {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [auditEvent({ verb: 'list' }), 'junk', auditEvent({ verb: 'watch' })],
    };
    const { events, diagnostics } = await read(file('list.log', jsonLines([list])));
    assert.deepEqual(verbs(events), ['list', 'watch']);
    assert.deepEqual(diagnostics, ['list.log:1: error: EventList items[1] is not an Event: a JSON string']);
  });

  it('skips a line over --max-line-size without holding it', async () => {
    const big = auditEvent({ requestObject: { data: 'x'.repeat(2000) } });
    const path = file('long.log', jsonLines([auditEvent(), big, auditEvent()]));
    const { events, diagnostics } = await read(path, { maxLineBytes: 1024 });
    assert.equal(events.length, 2);
    assert.match(
      diagnostics[0] ?? '',
      /^long\.log:2: error: line of \d\.\d KiB exceeds --max-line-size 1 KiB; skipped$/,
    );
  });

  it('reads rotated logs compressed with gzip, told by their magic bytes, in several members', async () => {
    const one = gzipSync(jsonLines([auditEvent({ verb: 'get' })]));
    const two = gzipSync(jsonLines([auditEvent({ verb: 'patch' })]));
    const { events, diagnostics } = await read(
      file('audit-2026-03-01T10-00-00.000.log.gz', Buffer.concat([one, two])),
    );
    assert.deepEqual(verbs(events), ['get', 'patch']);
    assert.deepEqual(diagnostics, []);
  });

  it('reports a corrupt gzip stream as an error of the file, after the events before it', async () => {
    const whole = gzipSync(jsonLines(Array.from({ length: 200 }, () => auditEvent())));
    const corrupt = Buffer.concat([whole.subarray(0, whole.length - 40), Buffer.alloc(40, 0x55)]);
    const { events, diagnostics } = await read(file('corrupt.log.gz', corrupt));
    assert.ok(events.length > 100, `read ${String(events.length)} events before the damage`);
    assert.match(diagnostics.at(-1) ?? '', /^corrupt\.log\.gz:\d+: error: cannot read: /);
  });

  it('reads an EventList document in YAML, locating a bad item by line', async () => {
    const yaml = [
      'apiVersion: audit.k8s.io/v1',
      'kind: EventList',
      'items:',
      '- level: Metadata',
      '  verb: get',
      '  stage: ResponseComplete',
      '- 42',
      '- level: Metadata',
      '  verb: delete',
      '',
    ].join('\n');
    const { events, diagnostics } = await read(file('events.yaml', yaml));
    assert.deepEqual(verbs(events), ['get', 'delete']);
    assert.deepEqual(diagnostics, [
      'events.yaml:7:3: error: EventList items[1] is not an Event: a JSON number',
    ]);
  });

  it('reads an indented JSON EventList as one document, and reports its syntax errors by line', async () => {
    const list = {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [auditEvent({ verb: 'update' })],
    };
    const good = await read(file('list.json', JSON.stringify(list, null, 2)));
    assert.deepEqual(verbs(good.events), ['update']);
    const bad = await read(file('broken.json', '{\n  "kind": "EventList",\n  "items": [\n}\n'));
    assert.equal(bad.events.length, 0);
    assert.match(bad.diagnostics[0] ?? '', /^broken\.json(:\d+)*: error: invalid JSON/);
  });

  it('refuses a document larger than --max-file-size', async () => {
    const yaml = `kind: EventList\napiVersion: audit.k8s.io/v1\nitems: []\n# ${'x'.repeat(4000)}\n`;
    const { diagnostics } = await read(file('huge.yaml', yaml), { maxFileSize: 1024 });
    assert.deepEqual(diagnostics, ['huge.yaml: error: more than 1 KiB exceeds --max-file-size 1 KiB']);
  });

  it('reads stdin, JSON lines or gzip', async () => {
    const text = jsonLines([auditEvent({ verb: 'create' })]);
    const plain = await read('-', {
      stdin: Readable.from([Buffer.from(text.slice(0, 10)), Buffer.from(text.slice(10))]),
    });
    assert.deepEqual(verbs(plain.events), ['create']);
    const zipped = await read('-', { stdin: Readable.from([gzipSync(text)]) });
    assert.deepEqual(verbs(zipped.events), ['create']);
    const bad = await read('-', { stdin: Readable.from([Buffer.from('{oops}\n')]) });
    assert.deepEqual(bad.diagnostics, [
      `<stdin>:1:2: error: invalid JSON: Expected property name or '}' in JSON at position 1`,
    ]);
  });

  it('reads an empty file as no events and no problem', async () => {
    const { events, diagnostics } = await read(file('empty.log', ''));
    assert.deepEqual([events, diagnostics], [[], []]);
  });

  it('reports a missing file and refuses a FIFO without waiting for a writer', async () => {
    const missing = await read(join(root, 'nope.log'));
    assert.deepEqual(missing.diagnostics, ['nope.log: error: cannot read: no such file or directory']);
    const fifo = join(root, 'fifo.log');
    makeFifo(fifo);
    const release = releaseFifoAfter(fifo, 5000);
    try {
      const refused = await read(fifo);
      assert.deepEqual(refused.diagnostics, ['fifo.log: error: skipped: not a regular file (fifo)']);
    } finally {
      release();
    }
  });
});

describe('following a file (-F)', () => {
  it('reads what is appended, then the file again from its start after truncation and after rotation', async () => {
    const path = file('follow.log', jsonLines([auditEvent({ verb: 'get' })]));
    const controller = new AbortController();
    const notices: string[] = [];
    const seen: unknown[] = [];
    const diagnostics: string[] = [];
    const waitFor = async (count: number): Promise<void> => {
      for (let i = 0; i < 200 && seen.length < count; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(seen.length, count, `saw ${JSON.stringify(seen)}`);
    };
    const reading = (async () => {
      const follow = {
        signal: controller.signal,
        intervalMs: 10,
        notice: (text: string) => notices.push(text.replace(`${root}/`, '')),
      };
      for await (const batch of readAuditEvents(path, { ...OPTIONS, follow })) {
        for (const event of batch.events) seen.push(event.verb);
        for (const diagnostic of batch.diagnostics) diagnostics.push(shown(diagnostic));
      }
    })();
    await waitFor(1);
    const line = JSON.stringify(auditEvent({ verb: 'create' }));
    appendFileSync(path, line.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(seen.length, 1, 'a half-written line waits for its end');
    appendFileSync(path, `${line.slice(20)}\n`);
    await waitFor(2);
    truncateSync(path, 0);
    appendFileSync(path, jsonLines([auditEvent({ verb: 'delete' })]));
    await waitFor(3);
    renameSync(path, `${path}.1`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(path, `${jsonLines([auditEvent({ verb: 'patch' })])}not json\n`);
    await waitFor(4);
    controller.abort();
    await reading;
    assert.deepEqual(seen, ['get', 'create', 'delete', 'patch']);
    assert.deepEqual(notices, [
      'follow.log: file truncated; reading it from its start',
      'follow.log: file removed; waiting for a new one',
      'follow.log: appeared; following it',
    ]);
    assert.deepEqual(diagnostics, [
      `follow.log:2:2: error: invalid JSON: Unexpected token 'o', "not json" is not valid JSON`,
    ]);
  });

  it('refuses to follow a gzip-compressed file, saying to read it without -F', async () => {
    const path = file('rotated.log.gz', gzipSync(jsonLines([auditEvent()])));
    const controller = new AbortController();
    const follow = { signal: controller.signal, intervalMs: 10, notice: () => undefined };
    const { events, diagnostics } = await read(path, { follow });
    controller.abort();
    assert.equal(events.length, 0);
    assert.deepEqual(diagnostics, [
      'rotated.log.gz: error: gzip-compressed: -F follows plain log files; read rotated .gz files without -F',
    ]);
  });

  it('waits for a file that does not exist yet, and says it is waiting', async () => {
    const path = join(root, 'later.log');
    const controller = new AbortController();
    const notices: string[] = [];
    const seen: unknown[] = [];
    const reading = (async () => {
      const follow = {
        signal: controller.signal,
        intervalMs: 10,
        notice: (text: string) => notices.push(text.replace(`${root}/`, '')),
      };
      for await (const batch of readAuditEvents(path, { ...OPTIONS, follow }))
        for (const event of batch.events) seen.push(event.verb);
    })();
    await new Promise((resolve) => setTimeout(resolve, 40));
    writeFileSync(path, jsonLines([auditEvent({ verb: 'watch' })]));
    for (let i = 0; i < 200 && seen.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await reading;
    assert.deepEqual(seen, ['watch']);
    assert.deepEqual(notices, [
      'later.log: no such file yet; waiting for it',
      'later.log: appeared; following it',
    ]);
  });
});
