import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../model/errors.ts';
import { readConfigFile } from './config-file.ts';

describe('readConfigFile', () => {
  it('reads the named file', () => {
    assert.match(readConfigFile('package.json', '.kubeward.yaml')?.text ?? '', /"name": "kubeward"/);
  });

  it('falls back to the default file only when it exists', () => {
    assert.equal(readConfigFile(undefined, 'testdata/no-such-config.yaml'), undefined);
    assert.equal(readConfigFile(undefined, 'package.json')?.file, 'package.json');
  });

  it('turns an unreadable named file into a ConfigError naming it', () => {
    assert.throws(
      () => readConfigFile('testdata/no-such-config.yaml', '.kubeward.yaml'),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^testdata\/no-such-config\.yaml: cannot read config: ENOENT/.test(error.message),
    );
  });
});
