import { Option } from 'commander';
import type { Command } from 'commander';

/** What `-n` and `-A` say on one command: the help of each. */
export interface NamespaceHelp {
  readonly namespace: string;
  readonly allNamespaces: string;
}

/**
 * `-n, --namespace NAME` and `-A, --all-namespaces`, as kubectl spells them. Without either, a
 * command reading a live cluster works in the namespace of the kubeconfig's context, as kubectl
 * does; `-A` wins over `-n`. The help says what the namespace selects on this command.
 */
export function addNamespaceOptions(command: Command, help: NamespaceHelp): Command {
  return command
    .addOption(new Option('-n, --namespace <name>', help.namespace))
    .addOption(new Option('-A, --all-namespaces', help.allNamespaces));
}
