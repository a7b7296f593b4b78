import type { ReportingDescriptor } from 'sarif';
import type { CheckMeta } from '../model/check.ts';
import type { Severity } from '../model/severity.ts';

/**
 * Where the repository's files are browsed on the web (for a GitHub repository,
 * `https://github.com/OWNER/REPO/blob/main/`); every rule's `helpUri` is a page below it. The one
 * place to set when the project's home changes (docs/output.md). SARIF wants helpUri absolute
 * (§3.49.12), so a placeholder on the reserved `.invalid` domain (RFC 2606) stands in until then.
 */
export const DOCS_BASE_URL = 'https://kubeward.invalid/';

/** The page documenting a check, relative to the repository root. */
export function checkDocsPage(checkId: string): string {
  return `docs/checks/${checkId}.md`;
}

/** GitHub code scanning reads `security-severity` as a CVSS-like score: >9 critical, 7–8.9 high, 4–6.9 medium. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** The SARIF level of a finding or rule of a severity. */
export const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * A check as a SARIF rule with what GitHub code scanning shows: short and full description, help as
 * text and Markdown, `helpUri` (the page `helpPage` names, below {@link DOCS_BASE_URL}), tags with
 * `security`, `precision` and `security-severity`.
 */
export function sarifRule(check: CheckMeta, helpPage: string): ReportingDescriptor {
  const references = check.references.map((reference) => `- ${reference}`).join('\n');
  return {
    id: check.id,
    name: check.id
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(''),
    shortDescription: { text: check.title },
    fullDescription: { text: check.description.slice(0, 1024) },
    helpUri: new URL(helpPage, DOCS_BASE_URL).href,
    help: {
      text: `${check.description}\n\nRemediation: ${check.remediation}`,
      markdown: `${check.description}\n\n**Remediation:** ${check.remediation}\n\n**References:**\n${references}`,
    },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      tags: ['security', 'kubernetes', check.theme],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[check.severity],
    },
  };
}
