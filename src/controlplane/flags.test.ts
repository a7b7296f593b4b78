import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagList, lastFlag, parseBool, parseFeatureGates, parseFlags } from './flags.ts';

// Semantics from spf13/pflag flag.go (parseLongArg: `--name=value`, `--name value` unless the flag has
// NoOptDefVal, which boolean flags have) and string_slice.go (repeated slice flags append). Names:
// k8s.io/component-base cli/run.go sets cmd.SetGlobalNormalizationFunc(cliflag.WordSepNormalizeFunc),
// and cli/flag/flags.go WordSepNormalizeFunc replaces every `_` with `-`; etcd (server/etcdmain
// config.go) parses with Go's flag package, which does not normalise.
describe('parseFlags (spf13/pflag parseLongArg)', () => {
  it('reads --flag=value and --flag value', () => {
    const flags = parseFlags(
      ['kube-apiserver', '--etcd-servers=https://a:2379', '--secure-port', '6443'],
      'component-base',
    );
    assert.deepEqual(flags, [
      { name: 'etcd-servers', value: 'https://a:2379', index: 1 },
      { name: 'secure-port', value: '6443', index: 3 },
    ]);
  });
  it('does not let a boolean flag consume the next token (NoOptDefVal)', () => {
    const flags = parseFlags(['--anonymous-auth', 'false', '--profiling=false'], 'component-base');
    assert.equal(lastFlag(flags, 'anonymous-auth')?.value, 'true');
    assert.equal(lastFlag(flags, 'profiling')?.value, 'false');
  });
  it('treats a flag followed by another flag or the end as bare', () => {
    const flags = parseFlags(['--unknown', '--other'], 'component-base');
    assert.deepEqual(
      flags.map((flag) => [flag.name, flag.value]),
      [
        ['unknown', 'true'],
        ['other', 'true'],
      ],
    );
  });
  it('keeps the last occurrence of a scalar flag', () => {
    const flags = parseFlags(['--anonymous-auth=false', '--anonymous-auth=true'], 'component-base');
    assert.equal(lastFlag(flags, 'anonymous-auth')?.value, 'true');
    assert.equal(lastFlag(flags, 'absent'), undefined);
  });
  it('appends repeated slice flags and splits commas (string_slice.go)', () => {
    const flags = parseFlags(
      ['--authorization-mode=Node', '--authorization-mode', 'RBAC,Webhook'],
      'component-base',
    );
    assert.deepEqual(flagList(flags, 'authorization-mode'), ['Node', 'RBAC', 'Webhook']);
  });
  it('stops at -- and ignores positional arguments', () => {
    const flags = parseFlags(['etcd', 'positional', '--', '--name=x'], 'component-base');
    assert.deepEqual(flags, []);
  });
  it('reads _ as - in names for component-base components, not for etcd (Go flag package)', () => {
    const flags = parseFlags(
      ['--authorization_mode=AlwaysAllow', '--anonymous_auth', 'false'],
      'component-base',
    );
    assert.deepEqual(flags, [
      { name: 'authorization-mode', value: 'AlwaysAllow', index: 0 },
      { name: 'anonymous-auth', value: 'true', index: 1 },
    ]);
    assert.deepEqual(
      parseFlags(['--client_cert_auth=true'], 'go-flag').map((flag) => flag.name),
      ['client_cert_auth'],
    );
  });
  it('does not match flags by substring', () => {
    const flags = parseFlags(['--contention-profiling=true'], 'component-base');
    assert.equal(lastFlag(flags, 'profiling'), undefined);
  });
});

describe('parseBool (Go strconv.ParseBool)', () => {
  it('accepts Go spellings', () => {
    for (const value of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(parseBool(value), true);
    for (const value of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(parseBool(value), false);
  });
  it('rejects anything else', () => {
    for (const value of ['yes', 'no', 'on', 'tRUE', '']) assert.equal(parseBool(value), undefined);
  });
});

describe('parseFeatureGates (component-base featuregate Set)', () => {
  it('reads name=bool pairs, last wins, skips malformed', () => {
    const gates = parseFeatureGates('A=true,B=false,A=false,C,D=maybe');
    assert.deepEqual(
      [...gates],
      [
        ['A', false],
        ['B', false],
      ],
    );
  });
});
