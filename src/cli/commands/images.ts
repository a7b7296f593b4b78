import { Command, Option } from 'commander';
import { IMAGES_OUTPUTS } from '../../render/images/outputs.ts';
import type { ImagesFlags } from '../images.ts';
import { addClusterOptions } from './cluster-options.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { addNamespaceOptions } from './namespace-options.ts';
import { addRegistryOptions } from './registry-options.ts';
import { addSourceOptions } from './source-options.ts';

/** `kubeward images`: the images a set of manifests or a cluster runs (see ../images.ts). */
export function imagesCommand(): Command {
  const base = new Command('images')
    // Options after a sub-command's name are the sub-command's own (`images sbom --platform …`).
    .enablePositionalOptions()
    .summary('list the images of manifests or a cluster, and pin their tags to digests')
    .description(
      'List every image the workloads run (init and ephemeral containers included), with its\n' +
        'registry, repository, tag and digest as container runtimes read the reference (docker.io\n' +
        'by default, library/ for official images), and every container that runs it. Invalid\n' +
        'references are listed with the error a runtime gives.\n\n' +
        'With --resolve, ask each registry which digest a tag points to today (the OCI distribution\n' +
        'API; credentials from ~/.docker/config.json or $DOCKER_CONFIG, credential helpers included):\n' +
        'each image pinned by tag alone becomes a finding with its fix, image: repo:tag@sha256:….',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kubeward images deploy/\n' +
        '  kubeward images --context prod -A -o json\n' +
        '  kubeward images deploy/ --resolve -o sarif --output-file images.sarif',
    )
    .argument('[paths...]', 'files or directories to read (same as -f)');
  const command = addNamespaceOptions(addSourceOptions(base, 'objects whose images to list'), {
    namespace:
      "of a live cluster, read only this namespace (default: the context's); of a chart, render for it",
    allNamespaces: 'read every namespace of the live cluster',
  })
    .addOption(defaultNamespaceOption())
    .addOption(new Option('-o, --output <format>', 'output format').choices(IMAGES_OUTPUTS).default('table'))
    .option('--output-file <path>', 'write the list to a file instead of stdout')
    .option('--resolve', 'ask the registries which digest each tag points to', false);
  return addRegistryOptions(addClusterOptions(command)).action(
    async (paths: string[], flags: ImagesFlags) => {
      const { images } = await import('../images.ts');
      await images(paths, flags);
    },
  );
}
