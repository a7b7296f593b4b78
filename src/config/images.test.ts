import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configParser } from '../testing/config-parser.ts';

const FILE = '/etc/kubeward/.kubeward.yaml';
const { parse, rejects } = configParser(FILE);

describe('.kubeward.yaml images:', () => {
  it('has no image policy when the file has no images:', () => {
    assert.equal(parse('failOn: high').images, undefined);
  });

  it('reads rules, paths relative to the config file, durations and defaults', () => {
    const images = parse(
      [
        'images:',
        '  osvDatabase: ./osv',
        '  registryTimeout: 2s',
        '  platform: linux/arm64',
        '  policy:',
        '    - match: ["registry.example.com/team/*", "docker.io/library/*"]',
        '      requirePinned: true',
        '      signatures:',
        '        keys: [keys/cosign.pub, /abs/other.pub]',
        '        identities:',
        '          - { issuer: https://accounts.google.com, subjectRegExp: "^.*@example.com$" }',
        '        trustedRoot: keys/trusted_root.json',
        '      vulnerabilities: { denyOn: high }',
        '    - match: ["**"]',
        '      requirePinned: true',
        '  cache: { entries: 50, digestTtl: 30s }',
      ].join('\n'),
    ).images;
    assert.ok(images);
    assert.equal(images.osvDatabase, '/etc/kubeward/osv');
    assert.equal(images.registryTimeoutMs, 2000);
    assert.equal(images.platform, 'linux/arm64');
    assert.deepEqual(images.cache, { entries: 50, verdictTtlMs: 600_000, digestTtlMs: 30_000 });
    assert.deepEqual(images.policy, {
      failurePolicy: 'Fail',
      rules: [
        {
          name: 'images.policy[0]',
          match: ['registry.example.com/team/*', 'docker.io/library/*'],
          requirePinned: true,
          signatures: {
            keys: ['/etc/kubeward/keys/cosign.pub', '/abs/other.pub'],
            identities: [{ issuer: 'https://accounts.google.com', subjectRegExp: '^.*@example.com$' }],
            trustedRoot: '/etc/kubeward/keys/trusted_root.json',
          },
          denyVulnerabilities: 'high',
        },
        {
          name: 'images.policy[1]',
          match: ['**'],
          requirePinned: true,
          signatures: undefined,
          denyVulnerabilities: undefined,
        },
      ],
    });
  });

  it('rejects a glob that is no image glob, where it is written', () => {
    rejects(
      'images:\n  policy:\n    - match: ["registry.example.com/(a|b)"]\n      requirePinned: true\n',
      `${FILE}:3:15: images.policy[0].match[0]: "registry.example.com/(a|b)" is no image glob: use letters, digits, "-_:/." and "*" (any run of characters but "/") or "**" (any run)`,
    );
  });

  it('rejects a rule that requires nothing', () => {
    rejects(
      'images:\n  policy:\n    - match: ["**"]\n',
      `${FILE}:3:7: images.policy[0]: a rule requires something: requirePinned, signatures or vulnerabilities`,
    );
  });

  it('rejects signatures without keys or identities, and an identity with both issuer forms', () => {
    rejects(
      'images:\n  policy:\n    - match: ["**"]\n      signatures: { keys: [] }\n',
      `${FILE}:4:7: images.policy[0].signatures: give keys or identities to verify signatures with`,
    );
    rejects(
      'images:\n  policy:\n    - match: ["**"]\n      signatures:\n        identities:\n          - { issuer: a, issuerRegExp: b, subject: c }\n',
      `${FILE}:6:13: images.policy[0].signatures.identities[0]: give one of issuer and issuerRegExp, and one of subject and subjectRegExp`,
    );
    rejects(
      'images:\n  policy:\n    - match: ["**"]\n      signatures:\n        identities:\n          - { issuer: a, subjectRegExp: "(" }\n',
      `${FILE}:6:26: images.policy[0].signatures.identities[0].subjectRegExp: not a valid regular expression`,
    );
    rejects(
      'images:\n  policy:\n    - match: ["**"]\n      signatures:\n        identities:\n          - { issuer: a, subject: b }\n',
      `${FILE}:4:7: images.policy[0].signatures: keyless identities and trustedRoot (a Sigstore trusted_root.json) go together`,
    );
  });

  it('rejects denying vulnerabilities without an OSV database', () => {
    rejects(
      'images:\n  policy:\n    - match: ["**"]\n      vulnerabilities: { denyOn: high }\n',
      `${FILE}:4:7: images.policy[0].vulnerabilities: denying vulnerabilities needs images.osvDatabase, a directory of OSV records`,
    );
  });

  it('rejects a bad duration, failure policy or unknown rule field', () => {
    rejects(
      'images:\n  registryTimeout: soon\n',
      `${FILE}:2:3: images.registryTimeout: expected a duration more than 0: 5s, 2m, 500ms, 1h`,
    );
    rejects(
      'images:\n  failurePolicy: fail\n',
      `${FILE}:2:3: images.failurePolicy: Invalid option: expected one of "Fail"|"Ignore"`,
    );
    rejects(
      'images:\n  policy:\n    - match: ["**"]\n      requirePined: true\n',
      `${FILE}:4:7: images.policy[0]: Unrecognized key: "requirePined"`,
    );
  });
});
