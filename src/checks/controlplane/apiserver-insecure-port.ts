import { flagOf, viewsOf } from '../../controlplane/components.ts';
import type { ComponentFlag, ComponentView } from '../../controlplane/components.ts';
import { atLeast, componentVersion, versionText } from '../../controlplane/component-version.ts';
import type { MinorVersion } from '../../controlplane/component-version.ts';
import { addressScope } from '../../controlplane/address.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The insecure port flags and their deprecated aliases (`--port`, `--address`). */
const PORT_FLAGS = ['insecure-port', 'port'];
const ADDRESS_FLAGS = ['insecure-bind-address', 'address'];

/**
 * The API server's unauthenticated HTTP port. Before 1.20 it served every request as an authorised
 * admin; 1.20 accepts only 0 for the port flags and ignores the address flags (kubernetes/kubernetes
 * CHANGELOG-1.20, PR #95856); 1.24 removed all four, so the API server stops on an unknown flag
 * ("unknown flag: --insecure-port"; CHANGELOG-1.24).
 */
export const apiserverInsecurePort: InventoryCheck = {
  id: 'apiserver-insecure-port',
  title: 'API server insecure port',
  severity: 'high',
  theme: 'authn',
  description:
    '--insecure-port (alias --port) and --insecure-bind-address (alias --address) opened a plain-HTTP port that skipped authentication and ' +
    'authorization. Kubernetes 1.20 accepts only 0 for the port and ignores the address; 1.24 removed the flags, so an API server ' +
    'given them refuses to start. A manifest still asking for them either exposes the whole API without credentials (older ' +
    'releases) or keeps the control plane down.',
  remediation:
    'Remove --insecure-port, --insecure-bind-address, --port and --address from the kube-apiserver command.',
  nsa: ['control-plane-hardening', 'authentication'],
  mitre: ['T1190', 'T1552.007'],
  references: [
    'https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.20.md',
    'https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.24.md',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      const version = componentVersion(view);
      for (const flag of view.flags) {
        const message = PORT_FLAGS.includes(flag.name)
          ? portMessage(view, flag, version)
          : ADDRESS_FLAGS.includes(flag.name)
            ? addressMessage(flag, version)
            : undefined;
        if (message !== undefined) yield flagViolation(view, flag, message);
      }
    }
  },
};

function removed(flag: ComponentFlag, version: MinorVersion, unsafe: boolean): string {
  const intent = unsafe ? '; it asks for the unauthenticated HTTP port' : '';
  return `kube-apiserver ${versionText(version)} refuses to start on --${flag.name}=${flag.value}: the flag was removed in 1.24${intent}`;
}

function portMessage(
  view: ComponentView,
  flag: ComponentFlag,
  version: MinorVersion | undefined,
): string | undefined {
  const zero = flag.value.trim() === '0';
  if (version && atLeast(version, 1, 24)) return removed(flag, version, !zero);
  if (zero) return undefined;
  if (version && atLeast(version, 1, 20))
    return `kube-apiserver ${versionText(version)} accepts only 0 for --${flag.name} and refuses to start with ${flag.value}`;
  if (version) {
    const address = ADDRESS_FLAGS.map((name) => flagOf(view, name)?.value).find(
      (value) => value !== undefined,
    );
    return `kube-apiserver ${versionText(version)} serves the API over plain HTTP on ${address ?? '127.0.0.1'}:${flag.value} without authentication or authorization`;
  }
  return `kube-apiserver --${flag.name}=${flag.value} asks for the unauthenticated HTTP port: served before 1.20, refused at start-up since (only 0 until 1.24, then no such flag)`;
}

function addressMessage(flag: ComponentFlag, version: MinorVersion | undefined): string | undefined {
  const loopback = addressScope(flag.value) === 'loopback';
  if (version && atLeast(version, 1, 24)) return removed(flag, version, !loopback);
  if (version !== undefined || loopback) return undefined;
  return `kube-apiserver --${flag.name}=${flag.value} asks to expose the unauthenticated HTTP port beyond localhost: served before 1.20, ignored until 1.24, refused at start-up since`;
}
