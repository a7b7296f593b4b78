import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAllowedImage } from './image-registry-not-allowed.ts';

// Short names resolve as distribution/reference does: `nginx` is docker.io/library/nginx.
describe('registry allowlist', () => {
  it('matches the image as written or fully qualified', () => {
    assert.ok(isAllowedImage('registry.example.com/app:1', ['registry.example.com/']));
    assert.ok(isAllowedImage('nginx:1.27', ['docker.io/library/']));
  });
  it('does not let a look-alike host through a prefix ending in /', () => {
    assert.ok(!isAllowedImage('registry.example.com.evil.io/app:1', ['registry.example.com/']));
    assert.ok(!isAllowedImage('someone/nginx', ['docker.io/library/']));
  });
});
