import { Command, Option } from 'commander';
import { load } from '../load/load.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { InputError, UsageError } from '../model/errors.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { attackPaths } from '../rbac/attack-paths.ts';
import { authorize } from '../rbac/authorize.ts';
import type { RbacModel } from '../rbac/model.ts';
import { buildRbacModel } from '../rbac/model.ts';
import { parseRequest } from '../rbac/resources.ts';
import { listRows, rulesFor } from '../rbac/rules-review.ts';
import { identityOf } from '../rbac/subject.ts';
import { whoCan } from '../rbac/who-can.ts';
import { terminalWidth } from '../render/columns.ts';
import { attackPathsJson, renderAttackPaths } from '../render/rbac/attack-paths.ts';
import { renderRulesList } from '../render/rbac/rules-list.ts';
import { renderWhoCan, whoCanJson } from '../render/rbac/who-can.ts';

interface InputFlags {
  readonly filename: readonly string[];
  readonly bootstrap: boolean;
  readonly output: 'table' | 'json';
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

function withInputs(command: Command): Command {
  return command
    .option('-f, --filename <path>', 'manifests, a cluster dump or - for stdin (repeatable)', collect, [])
    .option('--no-bootstrap', 'do not add the default roles and bindings of a fresh kubeadm cluster')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    );
}

async function loadModel(flags: InputFlags): Promise<{ inventory: Inventory; model: RbacModel }> {
  if (flags.filename.length === 0 && !flags.bootstrap)
    throw new UsageError(
      'nothing to evaluate: give -f with manifests, or drop --no-bootstrap to ask the default roles',
    );
  const loaded =
    flags.filename.length === 0
      ? { resources: [], diagnostics: [] }
      : await load(flags.filename, { recursive: true });
  for (const diagnostic of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (loaded.diagnostics.some((diagnostic) => diagnostic.level === 'error') && loaded.resources.length === 0)
    throw new InputError('no usable input: every file failed to load');
  const inventory = buildInventory(loaded.resources);
  const model = buildRbacModel(inventory, { bootstrap: flags.bootstrap });
  for (const problem of model.problems) process.stderr.write(`warning: ${problem}\n`);
  return { inventory, model };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

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
    .action(
      async (
        verb: string,
        resource: string,
        flags: InputFlags & { namespace: string; allNamespaces: boolean; name: string; wide: boolean },
      ) => {
        const { model } = await loadModel(flags);
        const request = parseRequest(verb, resource, flags.namespace, flags.name);
        const clusterScoped = request.kind === 'nonResource' || request.namespace === '';
        const result = whoCan(
          model,
          request,
          flags.allNamespaces && !clusterScoped
            ? { allNamespaces: true }
            : { namespace: request.kind === 'resource' ? request.namespace : '' },
        );
        process.stdout.write(
          flags.output === 'json'
            ? json(whoCanJson(result))
            : renderWhoCan(request, result, flags.wide, terminalWidth(process.stdout)),
        );
        process.exitCode = 0;
      },
    );
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
    .action(
      async (
        verb: string | undefined,
        resource: string | undefined,
        flags: InputFlags & {
          as: string;
          asGroup: readonly string[];
          namespace: string;
          name: string;
          list: boolean;
        },
      ) => {
        const user = identityOf(flags.as, flags.asGroup);
        if (flags.list) {
          if (verb !== undefined) throw new UsageError('--list takes no VERB or RESOURCE');
          const { model } = await loadModel(flags);
          const rows = listRows(rulesFor(model, user, flags.namespace));
          process.stdout.write(
            flags.output === 'json' ? json(rows) : renderRulesList(rows, terminalWidth(process.stdout)),
          );
          process.exitCode = 0;
          return;
        }
        if (verb === undefined || resource === undefined)
          throw new UsageError('give VERB and RESOURCE, or --list');
        const { model } = await loadModel(flags);
        const decision = authorize(model, user, parseRequest(verb, resource, flags.namespace, flags.name));
        if (flags.output === 'json')
          process.stdout.write(
            json({
              allowed: decision.allowed,
              reason: decision.reason,
              ...(decision.grant === undefined
                ? {}
                : {
                    binding: `${decision.grant.binding.kind}/${decision.grant.binding.name}`,
                    role: `${decision.grant.role.kind}/${decision.grant.role.name}`,
                    rule: decision.grant.rule.index,
                  }),
            }),
          );
        else process.stdout.write(decision.allowed ? 'yes\n' : 'no\n');
        process.exitCode = decision.allowed ? 0 : 1;
      },
    );
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
      if (flags.filename.length === 0) throw new UsageError('give the workloads and RBAC objects with -f');
      const { inventory, model } = await loadModel(flags);
      const paths = attackPaths(model, inventory).filter(
        (path) => flags.namespace === undefined || path.identity.workload.namespace === flags.namespace,
      );
      process.stdout.write(
        flags.output === 'json'
          ? json(attackPathsJson(paths))
          : renderAttackPaths(paths, terminalWidth(process.stdout)),
      );
      process.exitCode = paths.some((path) => path.identity.tokenMounted && path.escalations.length > 0)
        ? 1
        : 0;
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
