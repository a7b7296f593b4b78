import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImageReference, digestError, formatImageReference, parseImageReference } from './image.ts';

const DIGEST = `sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa`;

/** The parts of a valid reference, `registry|repository|tag|digest`, for compact tables. */
function parts(image: string): string {
  const checked = checkImageReference(image);
  assert.ok(checked.valid, `${image}: ${checked.valid ? '' : checked.error}`);
  const { registry, repository, tag, digest } = checked.reference;
  return [registry, repository, tag ?? '', digest ?? ''].join('|');
}

function error(image: string): string {
  const checked = checkImageReference(image);
  assert.ok(!checked.valid, `${image} should be invalid`);
  return checked.error;
}

// Cases modelled on distribution/reference normalize_test.go (TestValidateReferenceName,
// TestParseRepositoryInfo, TestNormalizedSplitHostname, TestParseReferenceWithTagAndDigest) and
// reference_test.go (TestReferenceParse).
describe('checkImageReference: normalisation as distribution/reference ParseNormalizedNamed', () => {
  it('puts names without a registry on docker.io, one-component names under library/', () => {
    assert.equal(parts('debian'), 'docker.io|library/debian||');
    assert.equal(parts('nginx:1.27'), 'docker.io|library/nginx|1.27|');
    assert.equal(parts('docker/docker'), 'docker.io|docker/docker||');
    assert.equal(parts('library/foo/bar'), 'docker.io|library/foo/bar||');
    assert.equal(parts('test_com/foo'), 'docker.io|test_com/foo||');
    assert.equal(parts('docker.io/foo'), 'docker.io|library/foo||');
    assert.equal(parts('docker.io/library/foo'), 'docker.io|library/foo||');
  });

  it('turns the legacy index.docker.io into docker.io', () => {
    assert.equal(parts('index.docker.io/debian'), 'docker.io|library/debian||');
    assert.equal(parts('index.docker.io/fooo/bar:1'), 'docker.io|fooo/bar|1|');
  });

  it('takes a first component as a registry when it has . or :, is localhost or has uppercase', () => {
    assert.equal(parts('example.com/privatebase'), 'example.com|privatebase||');
    assert.equal(parts('example.com:8000/private/moonbase:v1'), 'example.com:8000|private/moonbase|v1|');
    assert.equal(parts('test-com:8080/foo'), 'test-com:8080|foo||');
    assert.equal(parts('127.0.0.1:5000/library/debian'), '127.0.0.1:5000|library/debian||');
    assert.equal(parts('localhost/app'), 'localhost|app||');
    assert.equal(parts('localhost:5000/app:dev'), 'localhost:5000|app|dev|');
    assert.equal(parts('[fc00::1]:5000/docker/docker'), '[fc00::1]:5000|docker/docker||');
    assert.equal(parts('xn--n3h.com:18080/foo'), 'xn--n3h.com:18080|foo||');
    assert.equal(parts('Foo/bar'), 'Foo|bar||');
    assert.equal(parts('DOCKER/docker'), 'DOCKER|docker||');
  });

  it('reads a port-like suffix of a one-component name as a tag', () => {
    assert.equal(parts('192.168.0.1:80'), 'docker.io|library/192.168.0.1|80|');
    assert.equal(parts('localhost:5000'), 'docker.io|library/localhost|5000|');
  });

  it('keeps a tag and a digest together', () => {
    assert.equal(parts(`busybox:latest@${DIGEST}`), `docker.io|library/busybox|latest|${DIGEST}`);
    assert.equal(parts(`ghcr.io/org/app@${DIGEST}`), `ghcr.io|org/app||${DIGEST}`);
    assert.equal(
      parts(`r.example:443/a/b/c:v1.2.3-rc.1_x@${DIGEST}`),
      `r.example:443|a/b/c|v1.2.3-rc.1_x|${DIGEST}`,
    );
  });

  it('allows separators inside path components: one . or _, two _, any number of -', () => {
    assert.equal(parts('docker---rules/docker'), 'docker.io|docker---rules/docker||');
    assert.equal(parts('dock__er/docker'), 'docker.io|dock__er/docker||');
    assert.equal(parts('docker/a.b_c'), 'docker.io|docker/a.b_c||');
  });

  it('leaves the registry empty when the first component only looks like one (a.b_c is no domain)', () => {
    assert.equal(parts('a.b_c/d'), '|a.b_c/d||');
    assert.equal(formatImageReference(parseImageReference('a.b_c/d:1')), 'a.b_c/d:1');
  });

  it('accepts a 64-hex path when a registry removes the ambiguity with an image ID', () => {
    const hex = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';
    assert.equal(parts(`docker.io/${hex}`), `docker.io|library/${hex}||`);
  });
});

describe('checkImageReference: invalid references get the runtime error', () => {
  it('refuses a bare 64-hex string as an image ID', () => {
    const hex = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';
    assert.equal(error(hex), `invalid repository name (${hex}), cannot specify 64-byte hexadecimal strings`);
  });

  it('refuses uppercase in the repository path', () => {
    assert.equal(
      error('docker/Docker'),
      'invalid reference format: repository name (docker/Docker) must be lowercase',
    );
    assert.equal(
      error('docker.io/docker/Docker:v1'),
      'invalid reference format: repository name (docker/Docker) must be lowercase',
    );
    assert.equal(
      error('NGINX'),
      'invalid reference format: repository name (library/NGINX) must be lowercase',
    );
  });

  it('refuses malformed names, domains and tags', () => {
    for (const image of [
      '',
      'https://github.com/docker/docker',
      '-docker',
      '-docker/docker',
      'docker-/docker',
      '-docker.io/docker/docker',
      'docker///docker',
      '____/____',
      '_docker/_docker',
      'dock..er/docker',
      'dock_.er/docker',
      'docker/',
      '[fc00::1]:5000',
      'fc00::1:5000/debian',
      '[fe80::1%eth0]:5000/debian',
      '[2001:db8:3:4::192.0.2.33]:5000/debian',
      'nginx:-tag',
      'nginx:.tag',
      `nginx:${'t'.repeat(129)}`,
      'nginx:1 ',
      'nginx@',
      'nginx@sha256:abc',
    ])
      assert.equal(error(image), 'invalid reference format', image);
  });

  it('accepts a tag of exactly 128 characters', () => {
    assert.equal(parts(`nginx:${'t'.repeat(128)}`), `docker.io|library/nginx|${'t'.repeat(128)}|`);
  });

  it('refuses a repository path over 255 characters, the registry not counted', () => {
    const path = `${'a/'.repeat(127)}a`;
    assert.equal(path.length, 255);
    assert.equal(parts(`example.com/${path}:tag`), `example.com|${path}|tag|`);
    assert.equal(error(`example.com/a${path}`), 'repository name must not be more than 255 characters');
    assert.equal(
      error(`${'a'.repeat(250)}/${'b'.repeat(5)}`),
      'repository name must not be more than 255 characters',
      'a docker.io path counts its own characters only',
    );
  });

  it('checks the digest as go-digest does: registered algorithm, exact lowercase hex', () => {
    const hex = DIGEST.slice('sha256:'.length);
    assert.equal(error(`nginx@sha256:${hex.toUpperCase()}`), 'invalid checksum digest format');
    assert.equal(error(`nginx@sha256:${hex}00`), 'invalid checksum digest format');
    assert.equal(error(`nginx@md5:${'a'.repeat(32)}`), 'unsupported digest algorithm');
    assert.equal(
      error(`nginx@Sha256:${hex}`),
      'invalid reference format: repository name (library/nginx@Sha256) must be lowercase',
      'the lowercase check reads up to the first colon, digest included',
    );
    assert.equal(
      parts(`nginx@sha512:${'ab'.repeat(64)}`),
      `docker.io|library/nginx||sha512:${'ab'.repeat(64)}`,
    );
  });
});

describe('digestError', () => {
  it('passes sha256, sha384 and sha512 digests of the right length and names the fault otherwise', () => {
    assert.equal(digestError(DIGEST), undefined);
    assert.equal(digestError(`sha384:${'0'.repeat(96)}`), undefined);
    assert.equal(digestError('sha256'), 'invalid checksum digest format');
    assert.equal(digestError('sha256:'), 'invalid checksum digest format');
    assert.equal(digestError(`sha256:${'0'.repeat(63)}`), 'invalid checksum digest format');
    assert.equal(digestError(`blake3:${'0'.repeat(64)}`), 'unsupported digest algorithm');
  });
});

describe('parseImageReference', () => {
  it('reads valid references as the runtimes do', () => {
    assert.deepEqual(parseImageReference('index.docker.io/nginx:1'), {
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: '1',
      digest: undefined,
    });
  });

  it('still splits an invalid reference into its parts for the checks that judge them', () => {
    assert.deepEqual(parseImageReference('Registry.Example/App:Latest'), {
      registry: 'Registry.Example',
      repository: 'App',
      tag: 'Latest',
      digest: undefined,
    });
    assert.deepEqual(parseImageReference('nginx@sha256:abc'), {
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: undefined,
      digest: 'sha256:abc',
    });
  });
});

describe('formatImageReference', () => {
  it('writes the canonical reference back', () => {
    const reference = parseImageReference(`nginx:1.27@${DIGEST}`);
    assert.equal(formatImageReference(reference), `docker.io/library/nginx:1.27@${DIGEST}`);
    assert.equal(formatImageReference(parseImageReference('localhost:5000/app')), 'localhost:5000/app');
  });
});
