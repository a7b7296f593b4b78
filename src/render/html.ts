import type { Report } from '../report/report.ts';
import type { ReportDocument } from '../report/report-document.ts';
import { reportDocument } from './document.ts';
import { htmlReport, renderHtmlPage } from './html/page.ts';

/**
 * The JSON report document of a report, whole (its findings listed, not streamed): what the HTML
 * report is made of, whether from a scan or from a saved `-o json` report.
 */
export function pageDocument(report: Report): ReportDocument {
  const document = reportDocument(report);
  return { ...document, findings: [...(document.findings as Iterable<unknown>)] } as ReportDocument;
}

/**
 * `-o html` without drawings: the page of {@link renderHtmlPage}, the graphs (when the report holds
 * them) listed rather than drawn. `kubeward scan -o html` uses {@link renderHtmlReport}.
 */
export function renderHtml(report: Report): string {
  return renderHtmlPage(pageDocument(report));
}

/** `-o html`: the page with its graphs laid out (elkjs) and drawn as inline SVG. */
export async function renderHtmlReport(report: Report): Promise<string> {
  return htmlReport(pageDocument(report));
}
