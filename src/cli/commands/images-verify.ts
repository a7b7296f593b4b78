import { Command, Option } from 'commander';
import type { ImagesVerifyFlags } from '../images-verify.ts';
import { addClusterOptions } from './cluster-options.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { addNamespaceOptions } from './namespace-options.ts';
import { addRegistryOptions } from './registry-options.ts';
import { addSignatureOptions } from './signature-options.ts';
import { addSourceOptions } from './source-options.ts';

/** `images verify`: the cosign signatures of the images of manifests or a cluster (see ../images-verify.ts). */
export function imagesVerifyCommand(): Command {
  const base = new Command('verify')
    .summary('verify the cosign signatures of the images of manifests or a cluster')
    .description(
      'Verify the cosign signatures of every image the workloads run, as cosign verify does: the\n' +
        'digest each reference names or its tag points to, its signatures read from the registry at\n' +
        'the sha256-<hex>.sig tag and as Sigstore bundle referrers (the OCI 1.1 referrers API, or\n' +
        'the referrers tag when the registry has none). A signature counts when it verifies with a\n' +
        '--key, or keyless against --trusted-root (certificate chain, SCTs, transparency log entry,\n' +
        'all offline) with a certificate naming the --certificate-identity and\n' +
        '--certificate-oidc-issuer given; and its payload names the digest. When an index is not\n' +
        'signed, the image it holds for --platform is verified instead.\n\n' +
        'Exit 0 when every image is signed as required, 1 when one is not, 2 when an input, a key,\n' +
        'the trusted root or a registry could not be used.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kubeward images verify deploy/ --key cosign.pub\n' +
        '  kubeward images verify --context prod -A --trusted-root trusted_root.json \\\n' +
        '      --certificate-identity-regexp "^https://github.com/acme/" \\\n' +
        '      --certificate-oidc-issuer https://token.actions.githubusercontent.com',
    )
    .argument('[paths...]', 'files or directories to read (same as -f)');
  const command = addNamespaceOptions(addSourceOptions(base, 'objects whose images to verify'), {
    namespace:
      "of a live cluster, read only this namespace (default: the context's); of a chart, render for it",
    allNamespaces: 'read every namespace of the live cluster',
  })
    .addOption(defaultNamespaceOption())
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .option('--output-file <path>', 'write the result to a file instead of stdout');
  return addRegistryOptions(addClusterOptions(addSignatureOptions(command))).action(
    async (paths: string[], flags: ImagesVerifyFlags) => {
      const { imagesVerify } = await import('../images-verify.ts');
      await imagesVerify(paths, flags);
    },
  );
}
