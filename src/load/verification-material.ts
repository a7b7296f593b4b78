import { InputError } from '../model/errors.ts';
import { readRegularFile } from './regular-file.ts';

/** What signature verification is given in files: public keys (PEM) and a Sigstore trusted root. */
export interface VerificationFiles {
  readonly keys: readonly string[];
  readonly trustedRoot?: string | undefined;
}

/** The files read: each key's PEM text, and the trusted root parsed. */
export interface VerificationMaterial {
  readonly keys: readonly string[];
  readonly trustedRoot?: unknown;
}

async function read(file: string, maxBytes: number): Promise<string> {
  try {
    return (await readRegularFile(file, maxBytes)).toString('utf8');
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Reads the public keys (`cosign.pub`) and the Sigstore `trusted_root.json` signature verification
 * is given, each a regular file of at most `maxBytes`; a trusted root that is not JSON is an
 * {@link InputError} naming the file.
 */
export async function readVerificationMaterial(
  files: VerificationFiles,
  maxBytes: number,
): Promise<VerificationMaterial> {
  const keys: string[] = [];
  for (const file of files.keys) keys.push(await read(file, maxBytes));
  if (files.trustedRoot === undefined) return { keys };
  const text = await read(files.trustedRoot, maxBytes);
  try {
    return { keys, trustedRoot: JSON.parse(text) as unknown };
  } catch (error) {
    throw new InputError(`${files.trustedRoot}: not JSON: ${(error as Error).message}`);
  }
}
