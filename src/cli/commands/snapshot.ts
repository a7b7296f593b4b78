import { Command } from 'commander';
import type { SnapshotFlags } from '../snapshot.ts';
import { addClusterOptions } from './cluster-options.ts';
import { addNamespaceOptions } from './namespace-options.ts';

/** `kubeward snapshot`: the live cluster as YAML files (see ../snapshot.ts). */
export function snapshotCommand(): Command {
  const command = new Command('snapshot')
    .summary('write the live cluster as YAML files, one per object')
    .description(
      'Read the live cluster as scan does and write each object it reads to DIR/NAMESPACE/KIND[.GROUP]/NAME.yaml\n' +
        '(DIR/_cluster/... for cluster-scoped objects). metadata.managedFields and the values of Secrets are\n' +
        'left out unless asked for; kubeward scan DIR then finds what the live scan finds.',
    )
    .addHelpText(
      'after',
      '\nExample:\n  kubeward snapshot --context my-cluster -A -o snapshot/\n  kubeward scan snapshot/',
    )
    .requiredOption('-o, --output-dir <dir>', 'a new or empty directory to write the objects to')
    .option(
      '--secret-data',
      'write the data of Secrets too (their values; by default only their metadata)',
      false,
    )
    .option('--managed-fields', 'keep metadata.managedFields', false);
  addNamespaceOptions(command, {
    namespace:
      "write the objects of this namespace and the cluster-scoped objects (default: the context's namespace)",
    allNamespaces: 'write the objects of every namespace',
  });
  return addClusterOptions(command, { secrets: true }).action(async (flags: SnapshotFlags) => {
    const { snapshot } = await import('../snapshot.ts');
    await snapshot(flags);
  });
}
