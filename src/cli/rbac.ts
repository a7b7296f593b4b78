import { load } from '../load/load.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { escapeControls } from '../model/terminal-text.ts';
import { InputError, UsageError } from '../model/errors.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { attackPaths } from '../rbac/attack-paths.ts';
import { authorize } from '../rbac/authorize.ts';
import type { RbacModel } from '../rbac/model.ts';
import { bootstrapPolicyFor, LATEST_KUBERNETES_VERSION } from '../rbac/bootstrap/index.ts';
import { buildRbacModel } from '../rbac/model.ts';
import { parseRequest } from '../rbac/resources.ts';
import { listRows, rulesFor } from '../rbac/rules-review.ts';
import { identityOf } from '../rbac/subject.ts';
import { whoCan } from '../rbac/who-can.ts';
import { loadLiveCluster } from './cluster.ts';
import { readsCluster } from './commands/cluster-options.ts';
import type { ClusterFlags } from './commands/cluster-options.ts';
import { terminalWidth } from '../render/columns.ts';
import { attackPathsJson, renderAttackPaths } from '../render/rbac/attack-paths.ts';
import { renderRulesList } from '../render/rbac/rules-list.ts';
import { renderWhoCan, whoCanJson } from '../render/rbac/who-can.ts';

/** The input flags every `kubeward rbac` sub-command takes, as commander parses them. */
export interface InputFlags extends ClusterFlags {
  readonly filename: readonly string[];
  readonly bootstrap: boolean;
  readonly kubernetesVersion?: string;
  readonly maxFileSize: number;
  readonly defaultNamespace: string;
  readonly output: 'table' | 'json';
}

/** The flags of `kubeward rbac who-can`. */
export type WhoCanFlags = InputFlags & {
  namespace: string;
  allNamespaces: boolean;
  name: string;
  wide: boolean;
};

/** The flags of `kubeward rbac can-i`. */
export type CanIFlags = InputFlags & {
  as: string;
  asGroup: readonly string[];
  namespace: string;
  name: string;
  list: boolean;
};

async function loadModel(flags: InputFlags): Promise<{ inventory: Inventory; model: RbacModel }> {
  const live = readsCluster(flags, { allNamespaces: false });
  if (live && flags.filename.length > 0)
    throw new UsageError('rbac reads either -f files or a live cluster (--kubeconfig, --context), not both');
  if (!live && flags.filename.length === 0 && !flags.bootstrap)
    throw new UsageError(
      'nothing to evaluate: give -f with manifests, read a live cluster with --context, or drop --no-bootstrap to ask the default roles',
    );
  const loaded = live
    ? await loadLiveCluster(flags, { allNamespaces: true, secrets: 'none' })
    : flags.filename.length === 0
      ? { resources: [], diagnostics: [] }
      : await load(flags.filename, { recursive: true, maxFileSize: flags.maxFileSize });
  for (const diagnostic of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (loaded.diagnostics.some((diagnostic) => diagnostic.level === 'error') && loaded.resources.length === 0)
    throw new InputError('no usable input: every file failed to load');
  const inventory = buildInventory(loaded.resources, { defaultNamespace: flags.defaultNamespace });
  for (const diagnostic of inventory.diagnostics)
    if (diagnostic.level === 'warning') process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const policy = bootstrapPolicyFor(flags.kubernetesVersion ?? LATEST_KUBERNETES_VERSION);
  const model = buildRbacModel(inventory, {
    // A live cluster holds its bootstrap roles and bindings itself: they are read, not assumed.
    bootstrap: flags.bootstrap && !live,
    ...(policy === undefined ? {} : { policy }),
  });
  for (const problem of model.problems) process.stderr.write(`warning: ${escapeControls(problem)}\n`);
  return { inventory, model };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** `kubeward rbac who-can VERB RESOURCE`: the subjects allowed to do it. */
export async function rbacWhoCan(verb: string, resource: string, flags: WhoCanFlags): Promise<void> {
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
}

/** `kubeward rbac can-i`: whether a subject may do VERB on RESOURCE, or every rule it holds. */
export async function rbacCanI(
  verb: string | undefined,
  resource: string | undefined,
  flags: CanIFlags,
): Promise<void> {
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
  if (verb === undefined || resource === undefined) throw new UsageError('give VERB and RESOURCE, or --list');
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
}

/** `kubeward rbac paths`: what compromising each workload yields. */
export async function rbacPaths(flags: InputFlags & { namespace?: string }): Promise<void> {
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
  process.exitCode = paths.some((path) => path.identity.tokenMounted && path.escalations.length > 0) ? 1 : 0;
}
