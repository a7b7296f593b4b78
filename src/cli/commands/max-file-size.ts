import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_FILE_SIZE, parseFileSize } from '../../load/file-size.ts';

function parseMaxFileSize(text: string): number {
  const bytes = parseFileSize(text);
  if (bytes === undefined)
    throw new InvalidArgumentError('give a size in bytes or with a suffix: 1048576, 500k, 64Mi, 1Gi');
  return bytes;
}

/**
 * `--max-file-size SIZE` of every command that reads files: the most bytes one file (or stdin) may
 * hold, in bytes or as a kubectl quantity. Its help states the rule it goes with: only regular files
 * (or symbolic links to them) are read.
 */
export function maxFileSizeOption(): Option {
  return new Option(
    '--max-file-size <size>',
    'largest file or stdin read (bytes, or 500k, 64Mi, 1Gi); a larger one is an input error. Only regular files ' +
      'and symbolic links to them are read: FIFOs, devices and sockets are skipped with an error',
  )
    .argParser(parseMaxFileSize)
    .default(DEFAULT_MAX_FILE_SIZE, '64Mi');
}
