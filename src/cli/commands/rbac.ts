import { Command, Option } from 'commander';
import type { CanIFlags, PathsFlags, WhoCanFlags } from '../rbac.ts';
import { addClusterOptions } from './cluster-options.ts';
import { collect } from './collect.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { kubernetesVersionOption } from './kubernetes-version.ts';
import { addNamespaceOptions } from './namespace-options.ts';
import type { NamespaceHelp } from './namespace-options.ts';
import { addSourceOptions } from './source-options.ts';

/** `-n` of who-can and can-i: the namespace of the request, which is all a live cluster is read for. */
const REQUEST_NAMESPACE =
  "namespace of the request (default: the context's of a live cluster, else default); of a live cluster, only its Roles and RoleBindings are read, beside the cluster-scoped ones";

function withInputs(command: Command, namespaces: NamespaceHelp): Command {
  return addClusterOptions(
    addNamespaceOptions(addSourceOptions(command, 'manifests or a cluster dump'), namespaces),
  )
    .addOption(defaultNamespaceOption())
    .option('--no-bootstrap', 'do not add the default roles and bindings of a fresh kubeadm cluster')
    .addOption(kubernetesVersionOption())
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    );
}

function whoCanCommand(): Command {
  return withInputs(
    new Command('who-can')
      .summary('list the subjects allowed to do VERB on RESOURCE')
      .description(
        'List who can VERB RESOURCE[.GROUP][/SUBRESOURCE] (or a non-resource URL such as /metrics), through\n' +
          'RoleBindings of the namespace and ClusterRoleBindings, as kubectl who-can does.',
      )
      .argument('<verb>', 'get, list, create, bind, escalate, impersonate, ...')
      .argument('<resource>', 'pods, pods/exec, deployments.apps, */scale or /healthz'),
    {
      namespace: REQUEST_NAMESPACE,
      allNamespaces: 'consult the RoleBindings of every namespace (of a live cluster: read every namespace)',
    },
  )
    .option('--name <name>', 'name of the resource (matters for rules with resourceNames)', '')
    .option('--wide', 'add the role column', false)
    .action(async (verb: string, resource: string, flags: WhoCanFlags) => {
      const { rbacWhoCan } = await import('../rbac.ts');
      await rbacWhoCan(verb, resource, flags);
    });
}

function canICommand(): Command {
  return withInputs(
    new Command('can-i')
      .summary('answer whether SUBJECT may do VERB on RESOURCE, or list what it may do')
      .description(
        'As kubectl auth can-i: `can-i VERB RESOURCE --as SUBJECT` prints yes or no (exit 0 or 1);\n' +
          '`can-i --list --as SUBJECT` lists every rule the subject holds in the namespace.\n' +
          'SUBJECT is a user name or system:serviceaccount:<namespace>:<name>.',
      )
      .argument('[verb]', 'the verb to check')
      .argument('[resource]', 'the resource, subresource or non-resource URL to check'),
    {
      namespace: REQUEST_NAMESPACE,
      allNamespaces:
        'check the action in all namespaces, as kubectl auth can-i -A: only ClusterRoleBindings grant it (with --list: the rules that hold in every namespace)',
    },
  )
    .requiredOption('--as <subject>', 'user or system:serviceaccount:<ns>:<name> to evaluate')
    .option('--as-group <group>', 'an extra group of the subject (repeatable)', collect, [])
    .option('--name <name>', 'name of the resource', '')
    .option('--list', 'list every allowed action', false)
    .action(async (verb: string | undefined, resource: string | undefined, flags: CanIFlags) => {
      const { rbacCanI } = await import('../rbac.ts');
      await rbacCanI(verb, resource, flags);
    });
}

function pathsCommand(): Command {
  return withInputs(
    new Command('paths')
      .summary('show what compromising each workload yields')
      .description(
        'For every workload: its ServiceAccount, whether the token is mounted, and the chains that give\n' +
          'cluster-admin-equivalent power (create pods in kube-system, read every Secret, bind\n' +
          'cluster-admin, impersonate system:masters). Exit 1 when a mounted token reaches one.',
      ),
    {
      namespace:
        "only the workloads of this namespace (default: the context's of a live cluster, else every one); a live cluster is read in every namespace, as RoleBindings elsewhere may grant its ServiceAccounts",
      allNamespaces: 'the workloads of every namespace',
    },
  ).action(async (flags: PathsFlags) => {
    const { rbacPaths } = await import('../rbac.ts');
    await rbacPaths(flags);
  });
}

/** `kubeward rbac`: who-can, can-i and attack paths over manifests or a cluster dump. */
export function rbacCommand(): Command {
  return new Command('rbac')
    .summary('effective RBAC permissions: who-can, can-i and attack paths')
    .description(
      'Evaluate RBAC exactly as the Kubernetes authorizer does, from manifests (-f, -k, --helm), a dump, or a\n' +
        'live cluster (--kubeconfig, --context; its own default roles, no bootstrap policy added):\n' +
        '  kubeward rbac who-can create pods/exec -n default --context my-cluster\n' +
        '  kubectl get clusterroles,clusterrolebindings,roles,rolebindings,sa,deploy,ds,sts,cronjob,job,pod -A -o yaml > dump.yaml\n' +
        '  kubeward rbac who-can create pods/exec -n default -f dump.yaml',
    )
    .addCommand(whoCanCommand())
    .addCommand(canICommand())
    .addCommand(pathsCommand());
}
