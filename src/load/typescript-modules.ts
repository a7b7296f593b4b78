import { register } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HookOptions } from './typescript-hooks.ts';

/** Whether the hooks are registered: they belong to the process, like its module loader. */
let registered = false;

/**
 * Registers the TypeScript hooks (`typescript-hooks.js` beside this file in dist/, `.ts` from source)
 * once per process, and turns on source maps so stack traces from test modules name .ts lines. The
 * hooks hold every imported file to `options.maxFileSize`, as given by the first call.
 */
export function enableTypeScriptModules(options: HookOptions = {}): void {
  if (registered) return;
  const extension = extname(fileURLToPath(import.meta.url));
  register(new URL(`./typescript-hooks${extension}`, import.meta.url), { data: options });
  process.setSourceMapsEnabled(true);
  registered = true;
}
