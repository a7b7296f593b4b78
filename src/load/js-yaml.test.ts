import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { parseEvents, YAMLException } from './js-yaml.ts';

describe('js-yaml', () => {
  it('is the CommonJS build, the one its package resolves for require()', () => {
    const commonJs = createRequire(import.meta.url)('js-yaml') as {
      YAMLException: unknown;
      parseEvents: unknown;
    };
    assert.equal(YAMLException, commonJs.YAMLException);
    assert.equal(parseEvents, commonJs.parseEvents);
  });

  it('throws its own YAMLException class for broken YAML', () => {
    assert.throws(() => parseEvents('a: [', {}), YAMLException);
  });
});
