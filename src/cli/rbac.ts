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
import { DEFAULT_NAMESPACE } from '../model/scope.ts';
import { inputSource, loadScoped } from './sources.ts';
import type { InputFlags as SourceInputFlags, LiveReading } from './sources.ts';
import { terminalWidth } from '../render/columns.ts';
import { attackPathsJson, renderAttackPaths } from '../render/rbac/attack-paths.ts';
import { renderRulesList } from '../render/rbac/rules-list.ts';
import { renderWhoCan, whoCanJson } from '../render/rbac/who-can.ts';

/** The input flags every `kubeward rbac` sub-command takes, as commander parses them. */
export interface InputFlags extends SourceInputFlags {
  readonly bootstrap: boolean;
  readonly kubernetesVersion?: string;
  readonly defaultNamespace: string;
  readonly output: 'table' | 'json';
}

/** The flags of `kubeward rbac who-can`. */
export type WhoCanFlags = InputFlags & {
  name: string;
  wide: boolean;
};

/** The flags of `kubeward rbac can-i`. */
export type CanIFlags = InputFlags & {
  as: string;
  asGroup: readonly string[];
  name: string;
  list: boolean;
};

/** The flags of `kubeward rbac paths`. */
export type PathsFlags = InputFlags;

/** An RBAC model, the inventory it was built from, and the namespace the command answers for. */
interface Evaluated {
  readonly inventory: Inventory;
  readonly model: RbacModel;
  /** `-n`, the context's of a live cluster, undefined for all (as `ScopedInput.namespace`). */
  readonly namespace: string | undefined;
}

/**
 * The RBAC model of the manifests or the live cluster the flags name. A request of one namespace
 * (who-can, can-i) reads the live cluster in that namespace only (`read: 'scope'`); attack paths read
 * every namespace, as a RoleBinding in any namespace may grant a workload's ServiceAccount.
 */
async function loadModel(flags: InputFlags, read: LiveReading['read']): Promise<Evaluated> {
  const source = inputSource('rbac', [], flags, { allNamespacesReadsCluster: false });
  if (source === 'none' && !flags.bootstrap)
    throw new UsageError(
      'nothing to evaluate: give manifests with -f, -k or --helm, read a live cluster with --context, or drop --no-bootstrap to ask the default roles',
    );
  const live = source === 'cluster';
  const { loaded, namespace } =
    source === 'none'
      ? {
          loaded: { resources: [], diagnostics: [] },
          namespace: flags.allNamespaces === true ? undefined : flags.namespace,
        }
      : await loadScoped([], flags, source, { secrets: 'none', read });
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
  return { inventory, model, namespace };
}

/**
 * The namespace of a can-i request: '' (every namespace, as kubectl auth can-i -A) with `-A`, else
 * `-n` or the context's, else `default`.
 */
function requestNamespace(flags: InputFlags, namespace: string | undefined): string {
  return flags.allNamespaces === true ? '' : (namespace ?? DEFAULT_NAMESPACE);
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** `kubeward rbac who-can VERB RESOURCE`: the subjects allowed to do it. */
export async function rbacWhoCan(verb: string, resource: string, flags: WhoCanFlags): Promise<void> {
  const { model, namespace } = await loadModel(flags, 'scope');
  const request = parseRequest(verb, resource, namespace ?? flags.namespace ?? DEFAULT_NAMESPACE, flags.name);
  const clusterScoped = request.kind === 'nonResource' || request.namespace === '';
  const result = whoCan(
    model,
    request,
    flags.allNamespaces === true && !clusterScoped
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
    const { model, namespace } = await loadModel(flags, 'scope');
    const rows = listRows(rulesFor(model, user, requestNamespace(flags, namespace)));
    process.stdout.write(
      flags.output === 'json' ? json(rows) : renderRulesList(rows, terminalWidth(process.stdout)),
    );
    process.exitCode = 0;
    return;
  }
  if (verb === undefined || resource === undefined) throw new UsageError('give VERB and RESOURCE, or --list');
  const { model, namespace } = await loadModel(flags, 'scope');
  const decision = authorize(
    model,
    user,
    parseRequest(verb, resource, requestNamespace(flags, namespace), flags.name),
  );
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
export async function rbacPaths(flags: PathsFlags): Promise<void> {
  if (inputSource('rbac', [], flags, { allNamespacesReadsCluster: false }) === 'none')
    throw new UsageError(
      'give the workloads and RBAC objects with -f, -k or --helm, or read a live cluster with --context',
    );
  const { inventory, model, namespace } = await loadModel(flags, 'all');
  const paths = attackPaths(model, inventory).filter(
    (path) => namespace === undefined || path.identity.workload.namespace === namespace,
  );
  process.stdout.write(
    flags.output === 'json'
      ? json(attackPathsJson(paths))
      : renderAttackPaths(paths, terminalWidth(process.stdout)),
  );
  process.exitCode = paths.some((path) => path.identity.tokenMounted && path.escalations.length > 0) ? 1 : 0;
}
