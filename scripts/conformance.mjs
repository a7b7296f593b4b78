#!/usr/bin/env node
// Runs every *.conformance.ts under src/ against the upstream corpora in $KUBEWARD_CONFORMANCE_DIR
// (laid out as corpus/kubesec/..., corpus/falco/..., reference/...). `npm test` never reads them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const VARIABLE = 'KUBEWARD_CONFORMANCE_DIR';

function* conformanceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* conformanceFiles(path);
    else if (entry.name.endsWith('.conformance.ts')) yield path;
  }
}

const root = process.env[VARIABLE];
if (root === undefined || root === '') {
  console.error(`conformance: ${VARIABLE} is not set; set it to a directory holding corpus/ and reference/`);
  process.exit(2);
}
if (!existsSync(root) || !statSync(root).isDirectory()) {
  console.error(`conformance: ${VARIABLE}=${root} is not a directory`);
  process.exit(2);
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...conformanceFiles('src')].sort();
const result = spawnSync('npx', ['tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  env: { ...process.env, [VARIABLE]: resolve(root) },
});
process.exit(result.status ?? 1);
