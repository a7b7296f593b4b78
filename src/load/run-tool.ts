import { execFile } from 'node:child_process';
import { formatFileSize } from './file-size.ts';

/** How long a renderer (kustomize, helm) may run before it is stopped. */
const TOOL_TIMEOUT_MS = 5 * 60 * 1000;

/** What a renderer printed, or why it gave nothing usable (in one line, ready for a diagnostic). */
export type ToolResult =
  { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly reason: string };

/**
 * Runs `file` with `args` (no shell) and collects its standard output, up to `maxBytes`. A non-zero
 * exit, a timeout or more output than `maxBytes` is a failure whose reason is the tool's own error
 * message (the last line of its standard error), never a stack trace.
 */
export function runTool(
  file: string,
  args: readonly string[],
  options: { readonly maxBytes: number; readonly timeoutMs?: number },
): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        encoding: 'utf8',
        maxBuffer: options.maxBytes,
        timeout: options.timeoutMs ?? TOOL_TIMEOUT_MS,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ ok: true, stdout });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          resolve({
            ok: false,
            reason: `its output exceeds --max-file-size ${formatFileSize(options.maxBytes)}`,
          });
        else if (error.killed)
          resolve({ ok: false, reason: `it did not finish within ${String(TOOL_TIMEOUT_MS / 1000)}s` });
        else resolve({ ok: false, reason: toolMessage(stderr) || error.message });
      },
    );
  });
}

/**
 * The error a tool printed, in one line: kubectl's `E1207 … "command failed" err="…"` gives what is
 * inside `err`, kustomize's and helm's `Error: …` what follows it.
 */
export function toolMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const last = lines.at(-1) ?? '';
  const quoted = /\berr="((?:[^"\\]|\\.)*)"/.exec(last);
  if (quoted?.[1] !== undefined) return unquote(quoted[1]);
  return last.replace(/^Error:\s*/, '');
}

function unquote(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}
