import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions } from './index.ts';
import { isApkVersion } from './apk.ts';
import { normalizePep440 } from './pep440.ts';

/** Asserts that `versions` are in strictly ascending order under `ecosystem`, every pair both ways. */
function assertAscending(ecosystem: string, versions: readonly string[]): void {
  for (let i = 0; i < versions.length; i++) {
    for (let j = 0; j < versions.length; j++) {
      const expected = Math.sign(i - j);
      assert.equal(
        compareVersions(ecosystem, versions[i]!, versions[j]!),
        expected,
        `${ecosystem}: ${versions[i]!} ${['<', '=', '>'][expected + 1]!} ${versions[j]!}`,
      );
    }
  }
}

function assertEqual(ecosystem: string, a: string, b: string): void {
  assert.equal(compareVersions(ecosystem, a, b), 0, `${ecosystem}: ${a} = ${b}`);
  assert.equal(compareVersions(ecosystem, b, a), 0, `${ecosystem}: ${b} = ${a}`);
}

describe('compareVersions: dpkg (Debian Policy §5.6.12)', () => {
  it('orders the parts the policy lists, earliest first: ~~, ~~a, ~, the empty part, a', () => {
    assertAscending('Debian:12', ['1~~', '1~~a', '1~', '1', '1a']);
  });

  it('orders a pre-release with ~ before its release, as the policy suggests for 1.0~rc1', () => {
    assertAscending('Debian', ['1.0~beta1', '1.0~rc1', '1.0', '1.0+dfsg', '1.0.1']);
  });

  it('sorts letters before non-letters, and compares digit runs as numbers', () => {
    assertAscending('dpkg', ['1.0a', '1.0+', '1.0.', '1.2', '1.9', '1.10', '1.010a']);
  });

  it('compares the epoch first, then the upstream version, then the revision', () => {
    assertAscending('Debian:12', [
      '1.2-1',
      '1.2-1+deb12u1',
      '1.2-2~bpo11+1',
      '1.2-2',
      '1.2-10',
      '1.10-1',
      '1:0.1-1',
      '2:0.0.1',
    ]);
  });

  it('treats an absent epoch as 0, leading zeros as insignificant and an absent revision as 0', () => {
    assertEqual('Debian', '0:1.0-1', '1.0-1');
    assertEqual('Debian', '1.01', '1.1');
    assertEqual('Debian', '1.0', '1.0-0');
  });

  it('keeps hyphens of the upstream version when there is a revision (the last hyphen splits)', () => {
    assertAscending('Debian', ['1.2-beta-1', '1.2-beta-2', '1.2-gamma-1']);
  });
});

// apk-tools: doc/apk-package.5.scd (the version format) and test/unit/version.data (pairs), commit 90b974f.
describe('compareVersions: apk (apk-tools doc/apk-package.5 and test/unit/version.data)', () => {
  it('orders suffixes alpha, beta, pre, rc, none, cvs, svn, git, hg, p, as apk-package(5) lists them', () => {
    assertAscending('Alpine:v3.19', [
      '1.0_alpha',
      '1.0_beta',
      '1.0_pre',
      '1.0_rc',
      '1.0',
      '1.0_cvs',
      '1.0_svn',
      '1.0_git',
      '1.0_hg',
      '1.0_p',
    ]);
  });

  it('orders numbered suffixes, letters and -r revisions', () => {
    assertAscending('Alpine', [
      '1.3_alpha',
      '1.3_alpha2',
      '1.3_alpha3',
      '1.3',
      '1.3-r1',
      '1.3-r9',
      '1.3-r10',
      '1.3a',
      '1.3b-r1',
      '1.3.1',
    ]);
  });

  it('agrees with pairs of apk-tools test/unit/version.data', () => {
    const pairs: readonly (readonly [string, '<' | '=' | '>', string])[] = [
      ['2.34', '>', '0.1.0_alpha'],
      ['1.0', '<', '1.0bc'],
      ['0.1.0_alpha2', '>', '0.1.0_alpha'],
      ['1.1', '>', '1.1_alpha1'],
      ['1.06-r6', '<', '006'],
      ['3.1_p16', '<', '3.1_p17'],
      ['20060720', '>', '3.0.20060720'],
      ['0.1.0_alpha_pre2', '<', '0.1.0_alpha'],
      ['1.0_p10-r0', '>', '1.0_p9-r0'],
      ['2.12r-r4', '<', '2.12r-r5'],
      ['0.9.28.1', '<', '087-r1'],
      ['1.0.0_pre20191002222144-r0', '<', '1.0.0_pre20210530193627-r0'],
      ['4.5_p1-r1', '>', '4.5_p1'],
      ['2.0.6', '=', '2.0.6'],
      ['6.0_pre1', '<', '6.0'],
      ['6.1_p1', '>', '6.1'],
      ['8.2.0', '<', '8.2.001'],
      ['8.2.0015', '<', '8.2.002'],
      ['1.0~1234', '<', '1.0~2345'],
      ['1.0~1234-r1', '<', '1.0~2345-r0'],
      ['1.0~1234-r1', '>', '1.0~1234-r0'],
    ];
    for (const [a, op, b] of pairs) {
      assert.equal(compareVersions('apk', a, b), { '<': -1, '=': 0, '>': 1 }[op], `${a} ${op} ${b}`);
    }
  });

  it('compares a dotted number with a leading zero as a string (a fraction): 1.006 < 1.06 < 1.6', () => {
    assertAscending('apk', ['1.006', '1.06', '1.6']);
  });

  it('validates versions as apk-tools does', () => {
    for (const valid of ['1.2.3_rc1-r0', '0.1_pre2~1234abcd', '0.1_alpha1_pre2', '0.1_git20240101_pre1']) {
      assert.equal(isApkVersion(valid), true, valid);
    }
    for (const invalid of [
      '',
      '0.1bc',
      '0.1a1',
      '0.1_pre2~',
      '0.1_foobar',
      '0.1-r2-r3',
      '0.1__alpha',
      '1.2-3',
    ]) {
      assert.equal(isApkVersion(invalid), false, invalid);
    }
  });
});

describe('compareVersions: rpm (rpmvercmp)', () => {
  it('orders ~ before the release and ^ after it but before the next version', () => {
    assertAscending('Red Hat', ['1.0~rc1', '1.0', '1.0^git1', '1.0^git2', '1.0.1']);
  });

  it('ranks numbers above letters and ignores separators', () => {
    assertAscending('rpm', ['1.a', '1.z', '1.1', '1.2', '1.10']);
    assertEqual('rpm', '1.0', '1_0');
    assertEqual('rpm', '1.001', '1.1');
  });

  it('compares epoch, version, then release', () => {
    assertAscending('Rocky Linux:9', ['1.2-1.el9', '1.2-2.el9', '1.10-1.el9', '1:1.0-1.el9']);
  });
});

describe('compareVersions: semver (npm)', () => {
  it('orders the pre-release example of semver.org §11', () => {
    assertAscending('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
      '10.0.0',
    ]);
  });

  it('ignores build metadata and accepts a leading v', () => {
    assertEqual('npm', '1.0.0+build.1', '1.0.0+build.2');
    assertEqual('Go', 'v1.2.3', '1.2.3');
  });

  it('rejects what is not a semantic version, naming it', () => {
    assert.throws(() => compareVersions('npm', '1.0', '1.0.0'), {
      name: 'InputError',
      message: '"1.0" is not a semantic version (semver.org 2.0.0)',
    });
    assert.throws(() => compareVersions('npm', '1.0.0', '01.0.0'), {
      message: '"01.0.0" is not a semantic version (semver.org 2.0.0)',
    });
  });
});

describe('compareVersions: PEP 440 (PyPI)', () => {
  it('orders the PEP 440 example of every kind of release, in the spec’s order', () => {
    assertAscending('PyPI', [
      '1.dev0',
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
      '1!0.1',
    ]);
  });

  it('normalises spellings to one version', () => {
    assertEqual('PyPI', '1.0', '1.0.0');
    assertEqual('PyPI', '1.0ALPHA1', '1.0a1');
    assertEqual('PyPI', '1.0-c1', '1.0rc1');
    assertEqual('PyPI', '1.0-1', '1.0.post1');
    assertEqual('PyPI', 'v1.0.dev', '1.0.dev0');
    assert.equal(normalizePep440('1.0-preview_2.r3-dev+Ubuntu-1'), '1.0rc2.post3.dev0+ubuntu.1');
    assert.equal(normalizePep440('2!1.0.Post'), '2!1.0.post0');
  });

  it('rejects what is not a PEP 440 version, naming it', () => {
    assert.throws(() => compareVersions('PyPI', '1.0', 'french toast'), {
      name: 'InputError',
      message: '"french toast" is not a PEP 440 version',
    });
  });
});

describe('compareVersions: ecosystems', () => {
  it('rejects an ecosystem whose ordering it does not know, naming it', () => {
    assert.throws(() => compareVersions('Hackage', '1', '2'), {
      name: 'InputError',
      message:
        /^no version ordering is known for ecosystem "Hackage" \(known: dpkg, apk, rpm, semver, pep440/,
    });
  });
});

describe('compareVersions: the package main entry', () => {
  it('exports it', async () => {
    const library = await import('../../index.ts');
    assert.equal(library.compareVersions('Debian:12', '1:1.0', '2.0'), 1);
  });
});
