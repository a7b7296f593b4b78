import type { CheckMeta } from '../model/check.ts';

/**
 * The finding an expired `.kubeward.yaml` exception becomes: it stops suppressing, and says so, so
 * that exceptions are reviewed rather than left to rot. Reported at the exception's entry.
 */
export const EXCEPTION_EXPIRED: CheckMeta = {
  id: 'exception-expired',
  title: 'Config exception expired',
  severity: 'low',
  theme: 'config',
  description:
    'An entry of exceptions: in .kubeward.yaml has passed its expires date. It no longer suppresses ' +
    'the findings it matched, which count again.',
  remediation:
    'Fix the findings the exception covered and remove it, or review it and set a new expires date.',
  references: [],
};
