import { existsSync } from 'node:fs';
import { ConfigError } from '../model/errors.ts';
import { DEFAULT_MAX_FILE_SIZE } from './file-size.ts';
import { readRegularFileSync } from './regular-file.ts';

/** A config file's name and text. */
export interface ConfigText {
  readonly file: string;
  readonly text: string;
}

/**
 * Reads the config file `path`, or, when no path is given, `defaultFile` in the working directory
 * if it exists (undefined when it does not). A file that cannot be read, is not a regular file (or a
 * symbolic link to one) or holds more than `maxBytes` is a ConfigError naming it.
 */
export function readConfigFile(
  path: string | undefined,
  defaultFile: string,
  maxBytes: number = DEFAULT_MAX_FILE_SIZE,
): ConfigText | undefined {
  const file = path ?? (existsSync(defaultFile) ? defaultFile : undefined);
  if (file === undefined) return undefined;
  try {
    return { file, text: readRegularFileSync(file, maxBytes).toString('utf8') };
  } catch (error) {
    throw new ConfigError(`${file}: cannot read config: ${(error as Error).message}`, { cause: error });
  }
}
