import { readRegularFileSync } from '../load/regular-file.ts';
import { InputError } from '../model/errors.ts';
import { htmlReport } from '../render/html/page.ts';
import { parseReportDocument } from '../report/report-document.ts';
import type { ReportFlags } from './commands/report.ts';
import { writeReport } from './output-file.ts';

/** `kubeward report FILE -o html`: the HTML report of a saved JSON report. */
export async function report(file: string, flags: ReportFlags): Promise<void> {
  let text: string;
  try {
    text = readRegularFileSync(file, flags.maxFileSize).toString('utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const document = parseReportDocument(file, text);
  await writeReport(await htmlReport(document), flags.outputFile, [file]);
}
