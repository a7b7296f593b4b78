import { findExecutable } from '../load/executable.ts';

/** Set by `.ci/run`: a test whose binary is missing fails instead of being skipped. */
export const REQUIRE_TOOLS = process.env.KUBEWARD_REQUIRE_TOOLS === '1';

/** The path of an executable (an absolute path, or a name looked up on PATH), or undefined. */
export function findTool(tool: string): string | undefined {
  return findExecutable(tool);
}

/**
 * Options for a `describe` or `it` of node:test that runs real binaries (etcd, chromium, openssl,
 * kubectl, xmllint): `{ skip: 'needs etcd: not found' }` when one is missing, so a laptop without
 * it still passes. Under KUBEWARD_REQUIRE_TOOLS=1 a missing binary throws instead, which fails the
 * test file: CI proves the integration tests ran.
 */
export function needs(...tools: readonly string[]): { skip?: string } {
  const missing = tools.filter((tool) => findTool(tool) === undefined);
  if (missing.length === 0) return {};
  const reason = `needs ${missing.join(', ')}: not found`;
  if (REQUIRE_TOOLS) throw new Error(`${reason} (KUBEWARD_REQUIRE_TOOLS=1)`);
  return { skip: reason };
}
