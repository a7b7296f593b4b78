import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckMeta } from '../model/check.ts';
import { frameworkLines } from './check-frameworks.ts';

const meta: CheckMeta = {
  id: 'x',
  title: 'x',
  severity: 'low',
  theme: 'config',
  description: '',
  remediation: '',
  references: [],
};

describe('check docs: frameworks', () => {
  it('names each mapped control by title and id, per framework', () => {
    assert.deepEqual(
      frameworkLines({ ...meta, nsa: ['namespaces'], mitre: ['T1611', 'T1610'], cis: ['1.2.14'] }),
      [
        '- NSA/CISA Kubernetes Hardening Guidance: Namespaces (`namespaces`)',
        '- MITRE ATT&CK Containers matrix: Escape to Host (`T1611`); Deploy Container (`T1610`)',
        '- CIS Kubernetes Benchmark v1.12: NodeRestriction admission plugin on (`1.2.14`)',
      ],
    );
  });

  it('has no lines for a check mapped to nothing', () => {
    assert.deepEqual(frameworkLines(meta), []);
  });
});
