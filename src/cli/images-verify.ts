import { imagesOf } from '../model/image-usage.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderVerificationJson, renderVerificationTable } from '../render/images/verification.ts';
import { filesOf } from '../scan/inputs.ts';
import { VERSION } from '../version.ts';
import type { RegistryFlags } from './commands/registry-options.ts';
import type { SignatureFlags } from './commands/signature-options.ts';
import { EXIT } from './exit.ts';
import { writeReport } from './output-file.ts';
import { signatureRequirement } from './signature-requirement.ts';
import { readImageInputs } from './image-inputs.ts';
import { pathsOf } from './sources.ts';
import type { InputFlags } from './sources.ts';

/** The flags of `kubeward images verify`, as commander parses them. */
export interface ImagesVerifyFlags extends InputFlags, RegistryFlags, SignatureFlags {
  readonly defaultNamespace?: string;
  readonly output: 'table' | 'json';
  readonly outputFile?: string;
}

/**
 * `kubeward images verify`: each image of the inputs verified against the keys or the trusted
 * root and identity given. Exit 0 when all are signed as required, 1 when one is not, 2 when an
 * input, key, trusted root or registry could not be used.
 */
export async function imagesVerify(paths: string[], flags: ImagesVerifyFlags): Promise<void> {
  const requirement = await signatureRequirement(flags, flags.maxFileSize);
  const { loaded, inventory, platform } = await readImageInputs('images verify', paths, flags);
  const { verifyImages } = await import('../registry/verify-images.ts');
  const rows = await verifyImages(imagesOf(inventory), requirement, {
    platform,
    insecure: flags.insecureRegistry,
    timeoutMs: flags.registryTimeout,
    userAgent: `kubeward/${VERSION}`,
  });
  const text =
    flags.output === 'json'
      ? renderVerificationJson(rows)
      : renderVerificationTable(
          rows,
          terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
        );
  const read = [
    ...pathsOf(paths, flags),
    ...filesOf(loaded),
    ...flags.key,
    ...(flags.trustedRoot === undefined ? [] : [flags.trustedRoot]),
  ];
  await writeReport(text, flags.outputFile, read);
  const unusable =
    rows.some((row) => row.error !== undefined) ||
    loaded.diagnostics.some((diagnostic) => diagnostic.level === 'error');
  process.exitCode = unusable
    ? EXIT.usage
    : rows.some((row) => row.verdict?.verified !== true)
      ? EXIT.findings
      : EXIT.clean;
}
