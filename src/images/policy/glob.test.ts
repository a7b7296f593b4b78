// Globs as sigstore/policy-controller matches them (pkg/apis/glob/glob.go: `*` is [^/]*, `**` is .*,
// `.` literal, the whole name matched against go-containerregistry's Reference.Name(), Docker Hub as
// index.docker.io; the lone `*` and `*` + `/*` shorthands). Cases written for kubeward's references.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImageReference } from '../../model/image.ts';
import type { ImageReference } from '../../model/image.ts';
import { compileImageGlob, globMatches, globNames, imageGlobError } from './glob.ts';

function reference(image: string): ImageReference {
  const checked = checkImageReference(image);
  assert.ok(checked.valid, image);
  return checked.reference;
}

const matches = (glob: string, image: string): boolean =>
  globMatches(compileImageGlob(glob), reference(image));

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('image globs', () => {
  it('names a reference as go-containerregistry does: tag (latest by default) or digest', () => {
    assert.deepEqual(globNames(reference('registry.example.com/team/app:1.0')), [
      'registry.example.com/team/app:1.0',
    ]);
    assert.deepEqual(globNames(reference(`registry.example.com/team/app:1.0@${DIGEST}`)), [
      `registry.example.com/team/app@${DIGEST}`,
    ]);
    assert.deepEqual(globNames(reference('nginx')), [
      'index.docker.io/library/nginx:latest',
      'docker.io/library/nginx:latest',
    ]);
  });

  it('matches with * inside one path segment, tag included', () => {
    assert.equal(matches('registry.example.com/team/*', 'registry.example.com/team/app:1.0'), true);
    assert.equal(matches('registry.example.com/team/*', `registry.example.com/team/app@${DIGEST}`), true);
    assert.equal(matches('registry.example.com/team/app:*', 'registry.example.com/team/app'), true);
  });

  it('does not match with * across a /', () => {
    assert.equal(matches('registry.example.com/team/*', 'registry.example.com/team/sub/app:1.0'), false);
    assert.equal(matches('registry.example.com/*/*', 'registry.example.com/team:1.0'), false);
  });

  it('matches with ** across segments', () => {
    assert.equal(matches('registry.example.com/team/**', 'registry.example.com/team/sub/app:1.0'), true);
    assert.equal(matches('registry.example.com/**', 'registry.example.com/a/b/c@' + DIGEST), true);
    assert.equal(matches('**', 'quay.io/x/y:z'), true);
  });

  it('matches the whole name, a dot only a dot', () => {
    assert.equal(matches('registry.example.com/team/app', 'registry.example.com/team/app:1.0'), false);
    assert.equal(matches('example.com/**', 'registry.example.com/team/app:1.0'), false);
    assert.equal(matches('registry.example.com/**', 'registryxexample.com/team/app:1.0'), false);
    assert.equal(matches('registry.example.com/team/app:1.0', 'registry.example.com/team/app:1.0'), true);
  });

  it('matches Docker Hub images under index.docker.io and docker.io, and the shorthands', () => {
    assert.equal(matches('docker.io/library/*', 'nginx:1.27'), true);
    assert.equal(matches('index.docker.io/library/*', 'nginx'), true);
    assert.equal(matches('*', 'nginx'), true);
    assert.equal(matches('*', 'bitnami/redis'), false);
    assert.equal(matches('*/*', 'bitnami/redis'), true);
    assert.equal(matches('*/*', 'quay.io/bitnami/redis'), false);
    assert.equal(matches('docker.io/library/*', 'bitnami/redis'), false);
  });

  it('refuses globs with characters of regular expressions', () => {
    assert.equal(imageGlobError('registry.example.com/team/**'), undefined);
    assert.equal(
      imageGlobError('registry.example.com/[a-z]+'),
      '"registry.example.com/[a-z]+" is no image glob: use letters, digits, "-_:/." and "*" (any run of characters but "/") or "**" (any run)',
    );
    assert.throws(() => compileImageGlob('.+?'), /is no image glob/);
  });
});
