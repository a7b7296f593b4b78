#!/usr/bin/env node
// Runs every *.test.ts under src/ (and bench/) with tsx's node:test runner: Node 20 expands no globs.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function* testFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(path);
    else if (entry.name.endsWith('.test.ts')) yield path;
  }
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...testFiles('src')].sort();
const result = spawnSync('npx', ['tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
