import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImageReference } from '../../model/image.ts';
import type { ImageReference } from '../../model/image.ts';
import type { Vulnerability } from '../osv/match.ts';
import type { ImagePackage } from '../package.ts';
import { needsDigest, needsVulnerabilities, rulesFor } from './policy.ts';
import type { ImagePolicy, ImagePolicyRule } from './policy.ts';
import { digestReasons, imageVerdict, pinningReasons } from './verdict.ts';

const DIGEST = `sha256:${'b'.repeat(64)}`;

function reference(image: string): ImageReference {
  const checked = checkImageReference(image);
  assert.ok(checked.valid, image);
  return checked.reference;
}

const PINNED: ImagePolicyRule = {
  name: 'images.policy[0]',
  match: ['registry.example.com/**'],
  requirePinned: true,
};
const VULNS: ImagePolicyRule = {
  name: 'images.policy[1]',
  match: ['registry.example.com/team/*'],
  requirePinned: false,
  denyVulnerabilities: 'high',
};
const SIGNED: ImagePolicyRule = {
  name: 'images.policy[2]',
  match: ['registry.example.com/team/*', 'docker.io/library/*'],
  requirePinned: false,
  signatures: { keys: ['/keys/cosign.pub'], identities: [] },
};
const POLICY: ImagePolicy = { rules: [PINNED, VULNS, SIGNED], failurePolicy: 'Fail' };

const openssl: ImagePackage = {
  name: 'libssl3',
  version: '3.0.11-1',
  ecosystem: 'Debian:12',
  origin: 'dpkg',
  advisoryName: 'openssl',
  advisoryVersion: '3.0.11-1',
  file: '/var/lib/dpkg/status',
  purl: 'pkg:deb/debian/libssl3@3.0.11-1',
};

function vulnerability(
  id: string,
  severity: 'critical' | 'high' | 'medium' | undefined,
  fixed: string[] = [],
): Vulnerability {
  return {
    id,
    aliases: [],
    summary: undefined,
    package: openssl,
    severity: severity === undefined ? undefined : { severity, source: 'test' },
    fixedVersions: fixed,
  };
}

describe('image policy rules', () => {
  it('applies every rule whose glob matches, in policy order', () => {
    assert.deepEqual(
      rulesFor(POLICY, reference('registry.example.com/team/app:1.0')).map((rule) => rule.name),
      ['images.policy[0]', 'images.policy[1]', 'images.policy[2]'],
    );
    assert.deepEqual(
      rulesFor(POLICY, reference('registry.example.com/other/sub/app:1.0')).map((rule) => rule.name),
      ['images.policy[0]'],
    );
    assert.deepEqual(
      rulesFor(POLICY, reference('nginx:1.27')).map((rule) => rule.name),
      ['images.policy[2]'],
    );
    assert.deepEqual(rulesFor(POLICY, reference('quay.io/x/y:1')), []);
  });

  it('needs the registry only for vulnerabilities and signatures', () => {
    assert.equal(needsDigest([PINNED]), false);
    assert.equal(needsDigest([PINNED, SIGNED]), true);
    assert.equal(needsVulnerabilities([PINNED, SIGNED]), false);
    assert.equal(needsVulnerabilities([VULNS]), true);
  });
});

describe('image verdicts', () => {
  it('denies a reference without a digest where a rule requires pinning, and passes one with it', () => {
    assert.deepEqual(pinningReasons(reference('registry.example.com/team/app:1.0'), [PINNED, VULNS]), [
      {
        kind: 'unpinned',
        rule: 'images.policy[0]',
        message: 'not pinned by digest (images.policy[0] requires image@sha256:…)',
      },
    ]);
    assert.deepEqual(pinningReasons(reference(`registry.example.com/team/app:1.0@${DIGEST}`), [PINNED]), []);
    assert.deepEqual(pinningReasons(reference('registry.example.com/team/app:1.0'), [VULNS]), []);
  });

  it('denies vulnerabilities at or above the threshold, listing three and counting the rest', () => {
    const reasons = digestReasons(
      {
        digest: DIGEST,
        vulnerabilities: [
          vulnerability('CVE-1', 'critical', ['3.0.13-1']),
          vulnerability('CVE-2', 'high'),
          vulnerability('CVE-3', 'medium'),
          vulnerability('CVE-4', undefined),
          vulnerability('CVE-5', 'high'),
          vulnerability('CVE-6', 'critical'),
        ],
      },
      [VULNS],
    );
    assert.deepEqual(reasons, [
      {
        kind: 'vulnerable',
        rule: 'images.policy[1]',
        message:
          '4 vulnerabilities at or above high (images.policy[1]): CVE-1 (critical) in libssl3 3.0.11-1, fixed in 3.0.13-1, CVE-2 (high) in libssl3 3.0.11-1, no fix, CVE-5 (high) in libssl3 3.0.11-1, no fix, and 1 more',
      },
    ]);
  });

  it('passes vulnerabilities below the threshold and unscored ones', () => {
    const evidence = {
      digest: DIGEST,
      vulnerabilities: [vulnerability('CVE-3', 'medium'), vulnerability('CVE-4', undefined)],
    };
    assert.deepEqual(digestReasons(evidence, [VULNS]), []);
  });

  it('denies a signature check that did not verify, and passes one that did', () => {
    const failed = new Map([
      ['images.policy[2]', { verified: false, reason: 'no signature at sha256-b….sig' }],
    ]);
    assert.deepEqual(digestReasons({ digest: DIGEST, signatures: failed }, [SIGNED]), [
      {
        kind: 'unsigned',
        rule: 'images.policy[2]',
        message: 'no valid signature as images.policy[2] requires: no signature at sha256-b….sig',
      },
    ]);
    const verified = new Map([['images.policy[2]', { verified: true, reason: 'signed by cosign.pub' }]]);
    assert.deepEqual(digestReasons({ digest: DIGEST, signatures: verified }, [SIGNED]), []);
  });

  it('says which rules cannot be evaluated when the digest, vulnerabilities or signatures are errors', () => {
    assert.deepEqual(
      digestReasons({ digest: { error: 'registry.example.com: no answer' } }, [PINNED, VULNS, SIGNED]).map(
        (reason) => [reason.kind, reason.rule, reason.message],
      ),
      [
        ['unevaluated', 'images.policy[1]', 'cannot be evaluated: registry.example.com: no answer'],
        ['unevaluated', 'images.policy[2]', 'cannot be evaluated: registry.example.com: no answer'],
      ],
    );
    const reasons = digestReasons(
      {
        digest: DIGEST,
        vulnerabilities: { error: 'layer 1: truncated' },
        signatures: new Map([['images.policy[2]', { error: 'no verifier' }]]),
      },
      [VULNS, SIGNED],
    );
    assert.deepEqual(
      reasons.map((reason) => reason.message),
      [
        'vulnerabilities cannot be evaluated: layer 1: truncated',
        'signatures cannot be evaluated: no verifier',
      ],
    );
  });

  it('denies what cannot be evaluated under failurePolicy Fail, and only warns under Ignore', () => {
    const reasons = [
      ...pinningReasons(reference('registry.example.com/team/app:1.0'), [PINNED]),
      ...digestReasons({ digest: { error: 'timeout' } }, [VULNS]),
    ];
    const fail = imageVerdict(reasons, 'Fail');
    assert.equal(fail.allowed, false);
    assert.deepEqual(
      fail.violations.map((reason) => reason.kind),
      ['unpinned', 'unevaluated'],
    );
    assert.deepEqual(fail.warnings, []);
    const ignore = imageVerdict(reasons, 'Ignore');
    assert.equal(ignore.allowed, false);
    assert.deepEqual(
      ignore.violations.map((reason) => reason.kind),
      ['unpinned'],
    );
    assert.deepEqual(
      ignore.warnings.map((reason) => reason.kind),
      ['unevaluated'],
    );
    assert.equal(imageVerdict(reasons.slice(1), 'Ignore').allowed, true);
  });
});
