// kubesec's JSON layout (pkg/report/writer.go MarshalIndent): two-space indentation, trailing newline,
// Go's HTML escaping. The golden files hold kubesec's output for three fixtures of its corpus;
// layout.conformance.ts scores those fixtures and checks key and array order.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderKubesecJson } from './json.ts';
import type { KubesecReport } from './report.ts';

const GOLDEN = join(import.meta.dirname, '../../testdata/score');

describe('kubesec JSON layout', () => {
  for (const file of readdirSync(GOLDEN).filter((name) => name.endsWith('.kubesec.json'))) {
    it(`renders the reports of ${file} byte for byte (indentation, escaping, trailing newline)`, () => {
      const golden = readFileSync(join(GOLDEN, file), 'utf8');
      const reports = JSON.parse(golden) as KubesecReport[];
      assert.equal(renderKubesecJson(reports), golden);
    });
  }

  it('escapes <, > and & as Go does, and omits empty buckets', () => {
    const text = renderKubesecJson([
      { object: 'Pod/a<b>&c.default', valid: true, fileName: 'x', message: 'm', score: 0, scoring: {} },
    ]);
    assert.ok(text.includes('"Pod/a\\u003cb\\u003e\\u0026c.default"'));
    assert.ok(text.includes('"scoring": {}'));
  });

  it('escapes DEL, C1 controls and bidi overrides too, so the report cannot steer a terminal', () => {
    const text = renderKubesecJson([
      {
        object: 'Pod/a\x1b\x7f\x9b\u202e.default',
        valid: true,
        fileName: 'x',
        message: 'm',
        score: 0,
        scoring: {},
      },
    ]);
    assert.ok(text.includes('"Pod/a\\u001b\\u007f\\u009b\\u202e.default"'), text);
  });
});
