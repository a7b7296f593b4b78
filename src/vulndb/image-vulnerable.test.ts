import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Vulnerability } from '../images/osv/match.ts';
import type { Workload } from '../model/workload.ts';
import type { Severity } from '../model/severity.ts';
import { imageVulnerableCheck } from './image-vulnerable.ts';

function vulnerability(
  id: string,
  severity: Severity | undefined,
  name = 'curl',
  fixed: string[] = [],
): Vulnerability {
  return {
    id,
    aliases: [],
    summary: undefined,
    severity: severity === undefined ? undefined : { severity, source: 'test' },
    fixedVersions: fixed,
    package: {
      name,
      version: '1.0-1',
      ecosystem: 'Debian:12',
      origin: 'dpkg',
      advisoryName: name,
      advisoryVersion: '1.0-1',
      file: '/var/lib/dpkg/status',
      purl: `pkg:deb/debian/${name}@1.0-1`,
    },
  };
}

const workload = (image: string): Workload =>
  ({
    podSpec: {
      containers: [
        { name: 'app', image },
        { name: 'other', image: 'other:1' },
      ],
    },
  }) as unknown as Workload;

const context = {} as never;

describe('image-vulnerable', () => {
  it('names at most ten vulnerabilities, the worst first, and counts the others', () => {
    const many = Array.from({ length: 12 }, (_, n) =>
      vulnerability(`CVE-2026-${String(n).padStart(4, '0')}`, 'low'),
    );
    const check = imageVulnerableCheck(
      new Map([
        [
          'app:1',
          {
            digest: 'sha256:abc',
            vulnerabilities: [...many, vulnerability('DSA-1', 'high', 'libc6', ['2.0-1'])],
          },
        ],
      ]),
      'info',
    );
    const [violation, ...rest] = [...check.run(workload('app:1'), context)];
    assert.equal(rest.length, 0);
    assert.deepEqual(violation?.path, ['containers', 0, 'image']);
    assert.equal(violation?.severity, 'high');
    assert.equal(
      violation?.message,
      'container "app" image "app:1" (sha256:abc) has 13 known vulnerabilities: DSA-1 (high) in libc6 1.0-1: fixed in 2.0-1; ' +
        Array.from({ length: 9 }, (_, n) => `CVE-2026-000${String(n)} (low) in curl 1.0-1: no fix`).join(
          '; ',
        ) +
        '; and 3 more',
    );
  });

  it('groups the packages one vulnerability hits, and reports nothing for an image without any', () => {
    const check = imageVulnerableCheck(
      new Map([
        [
          'app:1',
          {
            digest: 'sha256:abc',
            vulnerabilities: [
              vulnerability('DSA-2', undefined, 'libc6'),
              vulnerability('DSA-2', undefined, 'libc-bin'),
            ],
          },
        ],
        ['other:1', { digest: 'sha256:def', vulnerabilities: [] }],
      ]),
      'high',
    );
    assert.deepEqual(
      [...check.run(workload('app:1'), context)].map((v) => [v.severity, v.message]),
      [
        [
          'medium',
          'container "app" image "app:1" (sha256:abc) has 1 known vulnerability: DSA-2 (unrated) in libc6 1.0-1, libc-bin 1.0-1: no fix',
        ],
      ],
    );
    assert.deepEqual([...check.run(workload('clean:1'), context)], []);
  });
});
