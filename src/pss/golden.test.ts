// Golden API-server messages for whole manifests in testdata/pss/: each <case>.yaml is loaded as
// kubeward loads input (YAML 1.1, pod templates) and evaluated at every `level:version` listed in
// <case>.expected.txt, against PSA's aggregate `violates PodSecurity "<level>:<version>": …`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { aggregate, evaluatePod, violatesMessage } from './evaluate.ts';
import { isPssLevel } from './level.ts';
import { parsePolicyVersion } from './version.ts';

const DIRECTORY = join(import.meta.dirname, '..', '..', 'testdata', 'pss');

describe('golden PodSecurity messages (testdata/pss)', () => {
  for (const name of readdirSync(DIRECTORY)
    .filter((file) => file.endsWith('.yaml'))
    .sort()) {
    const expectations = readFileSync(join(DIRECTORY, name.replace(/\.yaml$/, '.expected.txt')), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t'));
    for (const [policyText = '', expected = ''] of expectations) {
      it(`${name} at ${policyText}`, async () => {
        const [levelText = '', versionText = ''] = policyText.split(':');
        const version = parsePolicyVersion(versionText);
        assert.ok(isPssLevel(levelText) && version !== undefined, `bad policy ${policyText}`);
        const loaded = await load([join(DIRECTORY, name)], { recursive: false });
        const workload = buildInventory(loaded.resources).workloads[0];
        assert.ok(workload, 'no workload');
        const policy = { level: levelText, version };
        const result = aggregate(
          evaluatePod(policy, { metadata: workload.podMetadata, spec: workload.podSpec }),
        );
        assert.equal(result.allowed ? 'allowed' : violatesMessage(policy, result), expected);
      });
    }
  }
});
