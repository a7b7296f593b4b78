import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { loadSources } from '../load/load.ts';
import type { Report } from '../report/report.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from './clock.ts';

/** A Pod in namespace shop with hostPID and a privileged container: several findings, one object. */
export const PRIVILEGED_HOST_PID_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostPID: true
  containers:
    - name: web
      image: web:1
      securityContext:
        privileged: true
`;

/** The report of every check with default settings on one YAML text, read as `pod.yaml`. */
export function scanText(text: string): Report {
  return scanLoaded(loadSources([{ file: 'pod.yaml', text, format: 'yaml', named: true }]), {
    checks: CHECKS,
    run: parseConfig('<defaults>', '', CHECKS).run,
    now: TEST_NOW,
  }).report;
}
