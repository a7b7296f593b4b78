import { Command, Option } from 'commander';
import type { ImageContentFlags, ImageVulnsFlags } from '../images-content.ts';
import { failOnOption } from './findings-options.ts';
import { imagesDbCommand } from './images-db.ts';

function imageOptions(command: Command): Command {
  return command
    .option('--layout <dir>', 'an OCI image layout directory (oci-layout, index.json, blobs/)')
    .option('--archive <file>', 'a docker save or OCI tar archive')
    .option(
      '--name <ref>',
      'the image to read when the layout or archive holds several (its ref name or RepoTag)',
    )
    .option(
      '--platform <os/arch[/variant]>',
      'the platform picked from an index (default: this host, e.g. linux/amd64)',
    )
    .option('--output-file <path>', 'write to a file instead of stdout');
}

/** `images sbom`: the CycloneDX SBOM of a local image (see ../images-content.ts). */
export function imagesSbomCommand(): Command {
  return imageOptions(
    new Command('sbom')
      .summary('write the CycloneDX SBOM of an image')
      .description(
        'Read a local image (an OCI layout directory, or a docker save or OCI tar archive), apply its\n' +
          'layers in order with their whiteouts, and write a CycloneDX 1.6 JSON SBOM of what it holds:\n' +
          'dpkg and apk packages, npm lockfiles, Python requirements and installed distributions, and\n' +
          'the distribution named by os-release. Nothing is extracted to disk.',
      )
      .addHelpText(
        'after',
        '\nExamples:\n  kubeward images sbom --layout ./image\n  kubeward images sbom --archive image.tar --output-file sbom.json',
      ),
  ).action(async (flags: ImageContentFlags) => {
    const { imagesSbom } = await import('../images-content.ts');
    await imagesSbom(flags);
  });
}

/** `images vulns`: the known vulnerabilities of a local image's packages (see ../images-content.ts). */
export function imagesVulnsCommand(): Command {
  return imageOptions(
    new Command('vulns')
      .summary('match the packages of an image against an offline OSV database')
      .description(
        'Read a local image as images sbom does and match its packages against an offline OSV\n' +
          'database: a directory of OSV JSON records, as OSV exports them per ecosystem\n' +
          '(<Ecosystem>/<ID>.json, or all.zip unpacked). Versions are compared as each ecosystem\n' +
          "does (dpkg, apk-tools, semver, PEP 440); severities come from the records' CVSS vectors.\n" +
          'A directory indexed by images db update or images db index is read only for the packages\n' +
          'the image holds.',
      )
      .addHelpText(
        'after',
        '\nExamples:\n  kubeward images vulns --layout ./image --db ./osv\n  kubeward images vulns --archive image.tar --db ./osv -o json --fail-on critical',
      ),
  )
    .option(
      '--db <dir>',
      'the directory of OSV records (default: the images db update directory, ~/.cache/kubeward/osv)',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .addOption(failOnOption().default('high'))
    .action(async (flags: ImageVulnsFlags) => {
      const { imagesVulns } = await import('../images-content.ts');
      await imagesVulns(flags);
    });
}

/** Adds `sbom`, `vulns` and `db` to the `images` command. */
export function addImageContentCommands(images: Command): Command {
  return images
    .addCommand(imagesSbomCommand())
    .addCommand(imagesVulnsCommand())
    .addCommand(imagesDbCommand());
}
