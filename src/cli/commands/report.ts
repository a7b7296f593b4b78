import { Command, Option } from 'commander';
import { maxFileSizeOption } from './max-file-size.ts';

/** The flags of `kubeward report`, as commander parses them. */
export interface ReportFlags {
  readonly output: 'html';
  readonly outputFile?: string;
  readonly maxFileSize: number;
}

/** `kubeward report`: the HTML report of a saved JSON report. */
export function reportCommand(): Command {
  return new Command('report')
    .summary('make the HTML report of a saved JSON report')
    .description(
      'Read a report written by kubeward scan -o json (kubeward.io/v1alpha2) and write it as one\n' +
        'self-contained HTML page: scorecard, findings with filters, and, when the JSON report holds\n' +
        'them (scan -o json --graphs), the network and attack-path graphs. The page needs no network.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kubeward scan deploy/ -o json --graphs --fail-on none --output-file kubeward.json\n' +
        '  kubeward report kubeward.json -o html --output-file kubeward.html',
    )
    .argument('<file>', 'the JSON report file')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['html']).default('html'))
    .option('--output-file <path>', 'write the page to a file instead of stdout')
    .addOption(maxFileSizeOption())
    .action(async (file: string, flags: ReportFlags) => {
      const { report } = await import('../report.ts');
      await report(file, flags);
    });
}
