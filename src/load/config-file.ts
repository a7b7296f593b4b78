import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../model/errors.ts';

/** A config file's name and text. */
export interface ConfigText {
  readonly file: string;
  readonly text: string;
}

/**
 * Reads the config file `path`, or, when no path is given, `defaultFile` in the working directory
 * if it exists (undefined when it does not). A file that cannot be read is a ConfigError naming it.
 */
export function readConfigFile(path: string | undefined, defaultFile: string): ConfigText | undefined {
  const file = path ?? (existsSync(defaultFile) ? defaultFile : undefined);
  if (file === undefined) return undefined;
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new ConfigError(`${file}: cannot read config: ${(error as Error).message}`, { cause: error });
  }
}
