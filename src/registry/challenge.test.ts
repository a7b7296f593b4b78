import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChallenges } from './challenge.ts';

// Headers as registries send them: distribution docs/spec/auth/token.md ("How to authenticate")
// and RFC 7235 §4.1 (several challenges, quoted strings with escapes).
describe('parseChallenges', () => {
  it('reads a bearer challenge with realm, service and scope', () => {
    assert.deepEqual(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      ),
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:samalba/my-app:pull,push',
          },
        },
      ],
    );
  });

  it('reads several challenges, token values, escapes and any case of scheme and names', () => {
    assert.deepEqual(parseChallenges('Basic realm="a \\"b\\"", BEARER Realm=https, Service = reg'), [
      { scheme: 'basic', params: { realm: 'a "b"' } },
      { scheme: 'bearer', params: { realm: 'https', service: 'reg' } },
    ]);
  });

  it('skips token68 credentials and drops what it cannot read, without throwing', () => {
    assert.deepEqual(parseChallenges('Negotiate abc==, Basic realm="r"'), [
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
    assert.deepEqual(parseChallenges(''), []);
    assert.deepEqual(parseChallenges('  ,, '), []);
    assert.deepEqual(parseChallenges('Bearer realm="unterminated'), [
      { scheme: 'bearer', params: { realm: 'unterminated' } },
    ]);
  });
});
