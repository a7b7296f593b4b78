import { stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { openRegularFile } from '../regular-file.ts';

/** How {@link followFile} follows. */
export interface FollowOptions {
  /** Stops following: the generator returns at its next wait. */
  readonly signal: AbortSignal;
  /** How often the file is looked at once its end was reached. */
  readonly intervalMs: number;
  /** What happened to the file (truncated, rotated, gone, back), for the user. */
  readonly notice: (message: string) => void;
}

/** The file was truncated or replaced: the bytes that follow start a new file, from its line 1. */
export interface FollowRestart {
  readonly restart: 'truncated' | 'rotated';
}

const CHUNK_BYTES = 64 * 1024;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Reads `file` from its start, then what is appended to it, as `tail -F` does: when the file is
 * truncated it is read again from its start; when another file takes its name (log rotation renames
 * it and creates a new one) the old one is read to its end and the new one opened; while no file has
 * the name, it is waited for. The file must be a regular one ({@link openRegularFile}). Returns when
 * `signal` aborts.
 */
export async function* followFile(
  file: string,
  options: FollowOptions,
): AsyncGenerator<Buffer | FollowRestart> {
  let handle: FileHandle | undefined;
  let position = 0;
  let identity = { dev: 0, ino: 0 };
  let waiting = false;
  let opened = false;
  const pause = async (): Promise<boolean> => {
    try {
      await sleep(options.intervalMs, undefined, { signal: options.signal });
      return true;
    } catch {
      return false;
    }
  };
  try {
    while (!options.signal.aborted) {
      if (handle === undefined) {
        try {
          handle = await openRegularFile(file);
        } catch (error) {
          if (!isMissing(error)) throw error;
          if (!waiting) options.notice(`${file}: no such file yet; waiting for it`);
          waiting = true;
          if (!(await pause())) return;
          continue;
        }
        const stats = await handle.stat();
        identity = { dev: stats.dev, ino: stats.ino };
        position = 0;
        if (waiting) options.notice(`${file}: appeared; following it`);
        waiting = false;
        if (opened) yield { restart: 'rotated' };
        opened = true;
      }
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead > 0) {
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
        continue;
      }
      const { size } = await handle.stat();
      if (size < position) {
        options.notice(`${file}: file truncated; reading it from its start`);
        position = 0;
        yield { restart: 'truncated' };
        continue;
      }
      const current = await stat(file).catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw error;
      });
      if (current === undefined || current.ino !== identity.ino || current.dev !== identity.dev) {
        options.notice(
          current === undefined
            ? `${file}: file removed; waiting for a new one`
            : `${file}: file replaced (rotated); following the new one`,
        );
        await handle.close();
        handle = undefined;
        waiting = current === undefined;
        continue;
      }
      if (!(await pause())) return;
    }
  } finally {
    await handle?.close();
  }
}
