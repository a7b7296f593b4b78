// Writes src/rbac/bootstrap/v<VERSION>.ts from a directory of kube-apiserver's RBAC bootstrap policy
// golden files (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/),
// read at one upstream ref. Keep the downloaded files outside the repository.
//
//   npx tsx scripts/gen-bootstrap-policy.ts --version 1.36 --ref 'v1.36.0' --commit SHA DIR
//   (--commit FILE=SHA, repeatable, for a file read at another commit than --commit)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import type { GoldenFile } from '../src/testing/bootstrap-policy-generator.ts';
import { bootstrapPolicy, GOLDEN_FILES, policyModule } from '../src/testing/bootstrap-policy-generator.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    version: { type: 'string' },
    ref: { type: 'string' },
    commit: { type: 'string', multiple: true, default: [] },
  },
});
const [directory] = positionals;
if (directory === undefined || values.version === undefined || values.ref === undefined) {
  process.stderr.write(
    'usage: gen-bootstrap-policy.ts --version 1.N --ref REF --commit SHA [--commit FILE=SHA] DIR\n',
  );
  process.exit(2);
}
const commits = new Map<string, string>();
for (const given of values.commit) {
  const [file, sha] = given.includes('=') ? given.split('=', 2) : ['', given];
  commits.set(file ?? '', sha ?? '');
}

const files: GoldenFile[] = [];
for (const name of GOLDEN_FILES) {
  const path = join(directory, name);
  if (!existsSync(path)) continue;
  const commit = commits.get(name) ?? commits.get('');
  if (commit === undefined) throw new Error(`no --commit for ${name}`);
  files.push({ name, text: readFileSync(path, 'utf8'), commit });
}

const policy = bootstrapPolicy(values.version, values.ref, files);
const target = join(import.meta.dirname, '..', 'src', 'rbac', 'bootstrap', `v${values.version}.ts`);
const options = await resolveConfig(target);
writeFileSync(target, await format(policyModule(policy), { ...options, filepath: target }));
process.stdout.write(
  `${target}: ${String(policy.objects.length)} objects from ${files.map((file) => file.name).join(', ')}\n`,
);
