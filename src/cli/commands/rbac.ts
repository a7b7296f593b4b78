import { Command, Option } from 'commander';
import type { CanIFlags, InputFlags, WhoCanFlags } from '../rbac.ts';
import { addClusterOptions } from './cluster-options.ts';
import { collect } from './collect.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { kubernetesVersionOption } from './kubernetes-version.ts';
import { maxFileSizeOption } from './max-file-size.ts';

function withInputs(command: Command): Command {
  return addClusterOptions(command, { allNamespaces: false })
    .option('-f, --filename <path>', 'manifests, a cluster dump or - for stdin (repeatable)', collect, [])
    .addOption(maxFileSizeOption())
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
  )
    .option('-n, --namespace <name>', 'namespace of the request', 'default')
    .option('-A, --all-namespaces', 'consult the RoleBindings of every namespace', false)
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
  )
    .requiredOption('--as <subject>', 'user or system:serviceaccount:<ns>:<name> to evaluate')
    .option('--as-group <group>', 'an extra group of the subject (repeatable)', collect, [])
    .option('-n, --namespace <name>', 'namespace of the request', 'default')
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
  )
    .option('-n, --namespace <name>', 'only workloads of this namespace')
    .action(async (flags: InputFlags & { namespace?: string }) => {
      const { rbacPaths } = await import('../rbac.ts');
      await rbacPaths(flags);
    });
}

/** `kubeward rbac`: who-can, can-i and attack paths over manifests or a cluster dump. */
export function rbacCommand(): Command {
  return new Command('rbac')
    .summary('effective RBAC permissions: who-can, can-i and attack paths')
    .description(
      'Evaluate RBAC exactly as the Kubernetes authorizer does, offline, from manifests or a dump:\n' +
        '  kubectl get clusterroles,clusterrolebindings,roles,rolebindings,sa,deploy,ds,sts,cronjob,job,pod -A -o yaml > dump.yaml\n' +
        '  kubeward rbac who-can create pods/exec -n default -f dump.yaml',
    )
    .addCommand(whoCanCommand())
    .addCommand(canICommand())
    .addCommand(pathsCommand());
}
