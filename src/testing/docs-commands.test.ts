// Every ```sh block of README.md, docs/ and the examples' READMEs runs in a temporary copy of the
// repository and must exit as documented, so an example that drifts fails. Conventions (see
// markdown-commands.ts and the README's Development section): `<!-- docs-test: skip: REASON -->`
// or `<!-- docs-test: exit N -->` before a block; other fences are not run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandBlocks } from './markdown-commands.ts';
import type { CommandBlock } from './markdown-commands.ts';
import { copyRepository } from './repository-copy.ts';
import type { RepositoryCopy } from './repository-copy.ts';
import { ROOT } from './scan-examples.ts';

function markdownUnder(directory: string, only?: string): string[] {
  return readdirSync(join(ROOT, directory), { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && (only === undefined ? entry.name.endsWith('.md') : entry.name === only),
    )
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

/** Runs one command with sh at the copy's root; resolves with its exit status and the end of its stderr. */
function run(command: string, copy: RepositoryCopy): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd: copy.root,
      env: copy.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stderr });
    });
  });
}

const PAGES = ['README.md', ...markdownUnder('docs'), ...markdownUnder('examples', 'README.md')];

/** The title of a block's test: page, line and its first command without a trailing comment. */
function titleOf(page: string, block: CommandBlock): string {
  const first = (block.commands[0] ?? '').split('\n')[0] ?? '';
  return `${page}:${String(block.line)} ${first.replace(/\s+#.*$/, '')}`;
}

const BLOCKS = PAGES.flatMap((page) =>
  commandBlocks(readFileSync(join(ROOT, page), 'utf8')).map((block) => ({ page, block })),
);

/** Blocks that run npm (install, build) prepare the copy: they run first, in order, alone. */
const runsNpm = (block: CommandBlock): boolean =>
  block.commands.some((command) => /(^|[;&|(]\s*)npm\s/.test(command));

describe('documented commands run as written', () => {
  let copy: RepositoryCopy | undefined;
  before(() => {
    copy = copyRepository();
  });
  after(() => {
    copy?.remove();
  });

  const check = async (page: string, block: CommandBlock): Promise<void> => {
    assert.ok(copy);
    for (const command of block.commands) {
      const result = await run(command, copy);
      assert.equal(
        result.status,
        block.exitCode,
        `${page}:${String(block.line)}: \`${command}\` exited ${String(result.status)}, documented ${String(block.exitCode)}\n${result.stderr.slice(-2000)}`,
      );
    }
  };
  const define = ({ page, block }: { page: string; block: CommandBlock }): void => {
    it(titleOf(page, block), () => check(page, block));
  };
  const runnable = BLOCKS.filter(({ block }) => block.skip === undefined);

  describe('blocks that prepare the copy (npm)', () => {
    runnable.filter(({ block }) => runsNpm(block)).forEach(define);
  });
  describe('the other blocks', { concurrency: 2 }, () => {
    runnable.filter(({ block }) => !runsNpm(block)).forEach(define);
  });
  it('lists the blocks it does not run, each with its reason', (t) => {
    for (const { page, block } of BLOCKS)
      if (block.skip !== undefined) t.diagnostic(`not run: ${titleOf(page, block)}: ${block.skip}`);
    assert.ok(runnable.length > 0);
  });
});
