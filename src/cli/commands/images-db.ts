import { Command } from 'commander';
import type { DbUpdateFlags } from '../images-db.ts';
import { collect } from './collect.ts';

/** `images db update`: OSV's exports downloaded into the offline database (see ../images-db.ts). */
function updateCommand(): Command {
  return new Command('update')
    .summary("download OSV's per-ecosystem exports into the offline database")
    .description(
      "Download OSV's export of each ecosystem (<base>/<Ecosystem>/all.zip), unpack it into\n" +
        '<dir>/<Ecosystem>/ and index it by package name, so that images vulns and scan --images read\n' +
        'only the records of the packages they match. An export that has not changed since the last\n' +
        'update (same ETag or Last-Modified) is not downloaded again; a new one replaces the old folder\n' +
        'only once it is unpacked and indexed. Exit 2 when an export could not be downloaded.\n\n' +
        'Default directory: $XDG_CACHE_HOME/kubeward/osv (else ~/.cache/kubeward/osv). Default\n' +
        'ecosystems: those the directory holds, else Debian, Alpine, npm and PyPI.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kubeward images db update\n' +
        '  kubeward images db update --ecosystem Debian --ecosystem Alpine\n' +
        '  kubeward images db update --dir ./osv --base-url https://mirror.example.com/osv',
    )
    .option('--dir <dir>', 'the database directory')
    .option(
      '--ecosystem <name>',
      'an ecosystem as OSV names its exports: Debian, Alpine, npm, PyPI, Red Hat … (repeatable)',
      collect,
      [],
    )
    .option(
      '--base-url <url>',
      'where the exports are (default: https://osv-vulnerabilities.storage.googleapis.com)',
    )
    .action(async (flags: DbUpdateFlags) => {
      const { imagesDbUpdate } = await import('../images-db.ts');
      await imagesDbUpdate(flags);
    });
}

/** `images db index DIR`: a directory of OSV records indexed (see ../images-db.ts). */
function indexCommand(): Command {
  return new Command('index')
    .summary('index a directory of OSV records by package name')
    .description(
      'Read every OSV record of a directory once and write an index beside them\n' +
        '(DIR/.kubeward/index.ndjson): the affected ranges of each ecosystem and package name, so\n' +
        'that matching reads only the entries of the packages it looks up. An index older than its\n' +
        'records (a folder changed since it was built) is refused until it is rebuilt with this command.',
    )
    .addHelpText('after', '\nExample:\n  kubeward images db index ./osv')
    .argument('<dir>', 'the directory of OSV records')
    .action(async (directory: string) => {
      const { imagesDbIndex } = await import('../images-db.ts');
      await imagesDbIndex(directory);
    });
}

/** `images db`: the offline OSV database. */
export function imagesDbCommand(): Command {
  return new Command('db')
    .summary('keep the offline OSV database: update, index')
    .addCommand(updateCommand())
    .addCommand(indexCommand());
}
