// `kubeward score` behaviours: kubesec's CLI contract (cmd/kubesec/scan.go: exit codes, errors on
// stdout, --rules, STDIN) and what kubeward adds (List expansion, per-document isolation, locations,
// --explain, SARIF, the v2.14 profile).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Source } from '../../load/source.ts';
import type { KubesecReport } from '../../score/report.ts';
import { scoreRun } from './run.ts';
import type { ScoreRunOptions } from './run.ts';

const OPTIONS: ScoreRunOptions = {
  profile: 'kubesec-head',
  rules: undefined,
  output: 'json',
  explain: false,
  failureCode: 2,
  baseDirectory: '/',
};

const yaml = (text: string, file = 'in.yaml'): Source => ({ file, text, format: 'yaml' });
const run = (text: string, options: Partial<ScoreRunOptions> = {}, file = 'in.yaml') =>
  scoreRun([yaml(text, file)], [], { ...OPTIONS, ...options });
const reports = (stdout: string): KubesecReport[] => JSON.parse(stdout) as KubesecReport[];

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
    - name: app
      image: app:1
      securityContext:
        privileged: true
`;
const HARDENED = `apiVersion: v1
kind: Pod
metadata:
  name: good
  namespace: shop
spec:
  containers:
    - name: app
      image: app:1
      securityContext:
        readOnlyRootFilesystem: true
`;

describe('kubeward score: kubesec CLI contract', () => {
  it('exits 0 only when every object scores above 0', () => {
    assert.equal(run(HARDENED).exitCode, 0);
    assert.equal(run(`${HARDENED}---\n${PRIVILEGED}`).exitCode, 2);
  });

  it('exits 2 for a score of 0, an unsupported kind or an invalid document (kubesec #580)', () => {
    assert.equal(
      run('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: b}]}\n')
        .exitCode,
      2,
    );
    assert.equal(run('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n').exitCode, 2);
    assert.equal(run('kind: Pod\n').exitCode, 2);
  });

  it('--exit-code changes the failure status', () => {
    assert.equal(run(PRIVILEGED, { failureCode: 0 }).exitCode, 0);
    assert.equal(run(PRIVILEGED, { failureCode: 7 }).exitCode, 7);
  });

  it('an unknown --rules id is an error on stdout, capitalised, exit 1', () => {
    const result = run(HARDENED, { rules: ['Privileged', 'NoSuchRule'] });
    assert.equal(result.exitCode, 1);
    assert.match(result.stdout, /^Unknown rule id NoSuchRule \(known: /);
  });

  it('--rules keeps only those rules in the report', () => {
    const [report] = reports(run(PRIVILEGED, { rules: ['Privileged', 'RunAsUser'] }).stdout);
    assert.deepEqual(report?.scoring, {
      critical: [
        {
          id: 'Privileged',
          selector: 'containers[] .securityContext .privileged == true',
          reason: 'Privileged containers can allow almost completely unrestricted host access',
          points: -30,
        },
      ],
      advise: [
        {
          id: 'RunAsUser',
          selector: '.spec, .spec.containers[] | .securityContext .runAsUser -gt 10000',
          reason: "Run as a high-UID user to avoid conflicts with the host's users",
          points: 1,
        },
      ],
    });
  });

  it('input with no document prints "Invalid input" on stdout and exits 1', () => {
    const result = run('---\n\n---\n');
    assert.deepEqual([result.stdout, result.exitCode], ['Invalid input\n', 1]);
  });

  it('names standard input STDIN and objects Kind/name.namespace', () => {
    const [report] = reports(run(HARDENED, {}, '<stdin>').stdout);
    assert.equal(report?.fileName, 'STDIN');
    assert.equal(report.object, 'Pod/good.shop');
    assert.equal(report.message, 'Passed with a score of 1 points');
  });

  it('reports an unsupported kind as kubesec does', () => {
    const [report] = reports(run('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n').stdout);
    assert.deepEqual(report, {
      object: 'ServiceAccount/sa.default',
      valid: true,
      fileName: 'in.yaml',
      message: 'This resource kind is not supported by kubesec',
      score: 0,
      scoring: {},
    });
  });
});

describe('kubeward score: beyond kubesec', () => {
  it('expands kind: List (kubesec scores the List itself as unsupported)', () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: bad}
    spec: {containers: [{name: app, image: app, securityContext: {privileged: true}}]}
  - apiVersion: v1
    kind: Pod
    metadata: {name: good, namespace: shop}
    spec: {containers: [{name: app, image: app, securityContext: {readOnlyRootFilesystem: true}}]}
`;
    const result = reports(run(list).stdout);
    assert.deepEqual(
      result.map((report) => [report.object, report.score]),
      [
        ['Pod/bad.default', -30],
        ['Pod/good.shop', 1],
      ],
    );
  });

  it('a YAML error costs only its own document: the others are scored, the error goes to stderr, exit 1', () => {
    const result = run(`${HARDENED}---\nkind: [unclosed\n---\n${HARDENED}`);
    assert.equal(reports(result.stdout).length, 2);
    assert.match(result.stderr, /in\.yaml:\d+:\d+: error: document 2: invalid YAML/);
    assert.equal(result.exitCode, 1);
  });

  it('gives line:column for each matched rule in the table', () => {
    const { stdout } = run(PRIVILEGED, { output: 'table' });
    assert.match(stdout, /Pod\/bad\.default\s+-30\s+in\.yaml:1:1\s+Failed with a score of -30 points/);
    assert.match(
      stdout,
      /Privileged\s+-30\s+in\.yaml:10:9\s+spec\.containers\[0\]\.securityContext\.privileged/,
    );
  });

  it('--explain lists every applicable rule with its contribution and the total', () => {
    const { stdout } = run(PRIVILEGED, { explain: true });
    assert.match(stdout, /^ {3}-30 {2}Privileged: matched$/m);
    assert.match(stdout, /spec\.containers\[0\]\.securityContext\.privileged at in\.yaml:10:9/);
    assert.match(stdout, /^ {5}0 {2}ServiceAccountName: not matched \(\+3 if it were\)$/m);
    assert.match(stdout, /^ {5}0 {2}HostNetwork: not matched \(-9 if it were\)$/m);
    assert.match(stdout, /^ {5}= {2}-30$/m);
    assert.equal(stdout.match(/matched/g)?.length, 27);
  });

  it('-o sarif: one result per matched critical rule, ruleId = kubesec rule id, located at the field', () => {
    const log = JSON.parse(run(PRIVILEGED, { output: 'sarif' }).stdout) as {
      runs: {
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: { startLine: number } } }[];
        }[];
      }[];
    };
    const results = log.runs[0]?.results ?? [];
    assert.deepEqual(
      results.map((result) => [result.ruleId, result.level]),
      [['Privileged', 'error']],
    );
    assert.equal(results[0]?.locations[0]?.physicalLocation.region.startLine, 10);
  });

  it('profile kubesec-2.14 reads AppArmor from annotations, with the release reason', () => {
    const annotated = PRIVILEGED.replace(
      'name: bad',
      'name: bad\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: runtime/default',
    );
    const [head] = reports(run(annotated).stdout);
    const [release] = reports(run(annotated, { profile: 'kubesec-2.14' }).stdout);
    assert.equal(head?.score, -30);
    assert.equal(release?.score, -27);
    assert.match(release.scoring.passed?.[0]?.reason ?? '', /WARNING: NOT PRODUCTION READY$/);
  });
});
