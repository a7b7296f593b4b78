import assert from 'node:assert/strict';
import { CHECKS } from '../checks/registry.ts';
import type { Config } from '../config/config.ts';
import { parseConfig } from '../config/parse-config.ts';
import { ConfigError } from '../model/errors.ts';

/** Config text parsed as the file `file`, and an assertion that some text is refused with `message`. */
export function configParser(file: string): {
  readonly parse: (text: string) => Config;
  readonly rejects: (text: string, message: string) => void;
} {
  const parse = (text: string): Config => parseConfig(file, text, CHECKS);
  const rejects = (text: string, message: string): void => {
    assert.throws(
      () => parse(text),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.message, message);
        return true;
      },
    );
  };
  return { parse, rejects };
}
