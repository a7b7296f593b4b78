import { InputError } from '../model/errors.ts';
import { readRegularFileSync } from './regular-file.ts';

/**
 * Reads the baseline file given to `--baseline` (a regular file of at most `maxBytes`). A file that
 * cannot be read is an InputError naming it.
 */
export function readBaselineFile(file: string, maxBytes: number): string {
  try {
    return readRegularFileSync(file, maxBytes).toString('utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read baseline: ${(error as Error).message}`, { cause: error });
  }
}
