import type { ComponentName } from '../../controlplane/components.ts';
import { flagOf, viewsOf } from '../../controlplane/components.ts';
import { configNamedBy } from '../../controlplane/config-files.ts';
import { parseBool } from '../../controlplane/flags.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

const PROFILED: readonly ComponentName[] = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

/** The control-plane components must not serve /debug/pprof. */
export const controlPlaneProfiling: InventoryCheck = {
  id: 'control-plane-profiling',
  title: 'Control-plane profiling endpoints',
  severity: 'low',
  theme: 'config',
  description:
    'kube-apiserver, kube-controller-manager and kube-scheduler serve /debug/pprof unless --profiling=false (the default is true): ' +
    'program internals, and a cheap way to load the component, for anyone allowed to reach it. kube-scheduler ignores --profiling ' +
    'when it reads a --config file; enableProfiling in that KubeSchedulerConfiguration (default true) decides, and is checked when ' +
    'the file is part of the input.',
  remediation:
    'Set --profiling=false on kube-apiserver, kube-controller-manager and kube-scheduler, or enableProfiling: false in the ' +
    "scheduler's KubeSchedulerConfiguration.",
  nsa: ['control-plane-hardening'],
  references: [
    'CIS 1.2.15',
    'CIS 1.3.2',
    'CIS 1.4.1',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/',
  ],
  cis: ['1.2.15', '1.3.2', '1.4.1'],
  target: 'inventory',
  *run({ inventory }) {
    for (const component of PROFILED) {
      for (const view of viewsOf(inventory, component)) {
        const configFlag = component === 'kube-scheduler' ? flagOf(view, 'config') : undefined;
        if (configFlag) {
          const config = configNamedBy(inventory, 'KubeSchedulerConfiguration', configFlag.value);
          if (config && config.object.enableProfiling !== false)
            yield {
              resource: config,
              path: config.object.enableProfiling === undefined ? [] : ['enableProfiling'],
              message: `KubeSchedulerConfiguration ${configFlag.value} leaves enableProfiling on (default true), so kube-scheduler serves /debug/pprof`,
            };
          continue;
        }
        const flag = flagOf(view, 'profiling');
        if (flag && parseBool(flag.value) === false) continue;
        yield flagViolation(
          view,
          flag,
          flag
            ? `${component} --profiling=${flag.value} serves /debug/pprof`
            : `${component} sets no --profiling, so it serves /debug/pprof (default true)`,
        );
      }
    }
  },
};
