import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Check } from '../model/check.ts';
import { CHECKS } from '../checks/registry.ts';
import { renderCheckIndex } from './check-index.ts';
import { renderCheckPage } from './check-page.ts';
import { readExamples } from '../testing/check-examples.ts';
import { CHECK_DOCS_DIR, generateCheckDocs } from './generate.ts';

const directory = join(import.meta.dirname, '..', '..', CHECK_DOCS_DIR);

describe('docs/checks', () => {
  const generated = generateCheckDocs(CHECKS, readExamples);

  it('is up to date with the registered checks (regenerate with: npx tsx scripts/gen-docs.ts)', () => {
    const stale = [...generated]
      .filter(([name, text]) => {
        const path = join(directory, name);
        return !existsSync(path) || readFileSync(path, 'utf8') !== text;
      })
      .map(([name]) => name);
    assert.deepEqual(stale, []);
  });

  it('holds no page for a check that is not registered', () => {
    const pages = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith('.md')) : [];
    assert.deepEqual(
      pages.filter((name) => !generated.has(name)),
      [],
    );
  });
});

describe('check page', () => {
  const check: Check = {
    id: 'sample-check',
    title: 'Sample | check',
    severity: 'low',
    theme: 'config',
    description: 'What it checks and why.',
    remediation: 'How to fix it.',
    references: ['Trivy: KSV000'],
    kinds: ['ConfigMap'],
    target: 'resource',
    run: () => [],
  };

  it('has the metadata, both examples with the messages, and the references', () => {
    const page = renderCheckPage(check, {
      fail: { manifest: 'kind: ConfigMap\n', messages: ['first', 'second'] },
      pass: { manifest: 'kind: ConfigMap\ndata: {}\n' },
    });
    assert.match(page, /^# Sample \| check\n/);
    assert.match(page, /\| Id \| `sample-check` \|/);
    assert.match(page, /## Failing example\n\n```yaml\nkind: ConfigMap\n```/);
    assert.match(page, /kubeward reports:\n\n```text\nfirst\nsecond\n```/);
    assert.match(page, /## Passing example\n\n```yaml\nkind: ConfigMap\ndata: \{\}\n```/);
    assert.match(page, /- Trivy: KSV000\n$/);
  });

  it('lengthens the fence when the manifest holds backticks', () => {
    const page = renderCheckPage(check, { fail: { manifest: 'a: "```"\n', messages: [] }, pass: undefined });
    assert.match(page, /````yaml\na: "```"\n````/);
    assert.doesNotMatch(page, /## Passing example/);
  });

  it('indexes checks by theme and escapes table cells', () => {
    const index = renderCheckIndex([check]);
    assert.match(index, /## Static analysis of YAML; no secrets in config \(`config`\)/);
    assert.match(index, /\| \[`sample-check`\]\(sample-check\.md\) \| low \| Sample \\\| check \|/);
  });
});
