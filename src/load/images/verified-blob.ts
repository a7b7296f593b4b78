import { createHash } from 'node:crypto';
import { InputError } from '../../model/errors.ts';
import type { Descriptor } from '../../model/image-source.ts';

/** Algorithms of `algorithm:encoded` digests kubeward verifies (image-spec descriptor.md). */
const ALGORITHMS: Readonly<Record<string, { readonly hash: string; readonly hexLength: number }>> = {
  sha256: { hash: 'sha256', hexLength: 64 },
  sha512: { hash: 'sha512', hexLength: 128 },
};

/** `[algorithm, hex]` of a digest, or an InputError naming it. */
export function splitDigest(digest: string, where: string): readonly [string, string] {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const known = Object.hasOwn(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm] : undefined;
  if (colon < 0 || known === undefined || hex.length !== known.hexLength || !/^[0-9a-f]+$/.test(hex)) {
    throw new InputError(`${where}: unsupported or malformed digest "${digest}"`);
  }
  return [algorithm, hex];
}

/** The digest of bytes, `sha256:…`. */
export function digestOf(bytes: Uint8Array, algorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/**
 * The chunks of a blob, passed through while they are hashed: more bytes than the descriptor's
 * size, fewer at the end, or another digest is an InputError naming the blob.
 */
export async function* verifiedChunks(
  chunks: AsyncIterable<Uint8Array>,
  descriptor: Descriptor,
  where: string,
): AsyncGenerator<Uint8Array> {
  const [algorithm] = splitDigest(descriptor.digest, where);
  const hash = createHash(algorithm);
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > descriptor.size) {
      throw new InputError(
        `${where}: blob ${descriptor.digest} is larger than its descriptor's ${String(descriptor.size)} bytes`,
      );
    }
    hash.update(chunk);
    yield chunk;
  }
  if (length !== descriptor.size) {
    throw new InputError(
      `${where}: blob ${descriptor.digest} has ${String(length)} bytes, its descriptor says ${String(descriptor.size)}`,
    );
  }
  const actual = `${algorithm}:${hash.digest('hex')}`;
  if (actual !== descriptor.digest) {
    throw new InputError(
      `${where}: blob ${descriptor.digest} does not match its digest (its content is ${actual})`,
    );
  }
}
