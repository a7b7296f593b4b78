import type { Command } from 'commander';
import { collect } from './collect.ts';
import { maxFileSizeOption } from './max-file-size.ts';

/** The manifest sources of a command, as commander parses them. */
export interface SourceFlags {
  readonly filename: readonly string[];
  readonly kustomize: readonly string[];
  readonly helm: readonly string[];
  readonly values: readonly string[];
  readonly set: readonly string[];
  readonly release?: string;
  readonly recursive: boolean;
  readonly maxFileSize: number;
}

/**
 * The options naming the manifests a command reads, the same on every command that reads them:
 * `-f` (file, directory or stdin), `-k` (a kustomization to build), `--helm` (a chart to render) with
 * `--values`, `--set` and `--release`, `-R`/`--no-recursive`, and `--max-file-size`.
 */
export function addSourceOptions(command: Command, what = 'manifests'): Command {
  return command
    .option('-f, --filename <path>', `${what}: file, directory or - for stdin (repeatable)`, collect, [])
    .option(
      '-k, --kustomize <dir>',
      'build this kustomization (kubectl kustomize or kustomize build) and read what it builds (repeatable)',
      collect,
      [],
    )
    .option('--helm <dir>', 'render this Helm chart with helm template and read it (repeatable)', collect, [])
    .option(
      '--values <file>',
      'values file for the charts rendered, as helm --values (repeatable)',
      collect,
      [],
    )
    .option('--set <key=value>', 'value for the charts rendered, as helm --set (repeatable)', collect, [])
    .option('--release <name>', 'release name the charts are rendered for (helm: release-name)')
    .option('-R, --recursive', 'walk directories recursively (default)', true)
    .option('--no-recursive', 'read only the top level of directories')
    .addOption(maxFileSizeOption());
}
