import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from '../load/js-yaml.ts';
import { KUBERNETES_YAML_SCHEMA } from '../load/yaml-schema.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import { apiGroup } from '../model/resource.ts';
import type { Resource } from '../model/resource.ts';
import { escapeControls } from '../model/terminal-text.ts';
import { readLiveCluster } from './cluster.ts';
import type { ClusterFlags } from './commands/cluster-options.ts';

/** The flags of `kubeward snapshot`, as commander parses them. */
export interface SnapshotFlags extends ClusterFlags {
  readonly outputDir: string;
  readonly namespace?: string;
  readonly secretData: boolean;
  readonly managedFields: boolean;
}

/** Where cluster-scoped objects go in a snapshot (no namespace is named so: it is no DNS label). */
const CLUSTER_SCOPED = '_cluster';

/**
 * `kubeward snapshot -o DIR`: the live cluster written as YAML, one file per object, at
 * `DIR/NAMESPACE/KIND[.GROUP]/NAME.yaml` (`DIR/_cluster/...` for cluster-scoped objects). The objects
 * are those `scan` reads, as it reads them: `metadata.managedFields` dropped (unless
 * `--managed-fields`), Secrets without their values (unless `--secret-data`), so `kubeward scan DIR`
 * finds what the live scan finds. DIR must be new or empty; files are readable by their owner only.
 */
export async function snapshot(flags: SnapshotFlags): Promise<void> {
  refuseFilledDirectory(flags.outputDir);
  const read = await readLiveCluster(flags, {
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    secrets: flags.secretData ? 'data' : 'metadata',
    managedFields: flags.managedFields,
  });
  for (const diagnostic of read.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  mkdirSync(flags.outputDir, { recursive: true, mode: 0o700 });
  const written = new Set<string>();
  for (const resource of read.resources) {
    const directory = join(
      flags.outputDir,
      segment(resource.namespace ?? CLUSTER_SCOPED),
      kindFolder(resource),
    );
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    let file = join(directory, `${segment(resource.name)}.yaml`);
    for (let n = 2; written.has(file); n += 1)
      file = join(directory, `${segment(resource.name)}-${String(n)}.yaml`);
    written.add(file);
    const header = `# ${resource.origin.file}\n`;
    writeFileSync(
      file,
      header + dump(resource.object, { lineWidth: -1, noRefs: true, schema: KUBERNETES_YAML_SCHEMA }),
      {
        mode: 0o600,
      },
    );
  }
  process.stderr.write(
    `wrote ${String(written.size)} objects of ${String(read.listed.length)} kinds from ${escapeControls(read.where)} to ${escapeControls(flags.outputDir)}\n`,
  );
}

function refuseFilledDirectory(directory: string): void {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`cannot use ${directory} for the snapshot: ${(error as Error).message}`);
  }
  if (entries.length > 0)
    throw new UsageError(
      `${directory} is not empty: give a new or empty directory, so the snapshot holds only this cluster`,
    );
}

/** `Deployment.apps`, `Pod`: the kind, and its group when it has one (two groups may share a kind). */
function kindFolder(resource: Resource): string {
  const group = apiGroup(resource.apiVersion);
  return segment(group === '' ? resource.kind : `${resource.kind}.${group}`);
}

/** A name as one path segment: percent-encoded, never `.` or `..`, never empty. */
function segment(name: string): string {
  const encoded = encodeURIComponent(name);
  return encoded === '' || encoded === '.' || encoded === '..' ? `%2E${encoded.slice(1)}_` : encoded;
}
