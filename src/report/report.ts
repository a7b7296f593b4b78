import type { Check, CheckMeta } from '../model/check.ts';
import { objectRef } from '../model/object-ref.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Finding, ObjectRef } from '../model/finding.ts';
import type { Inventory } from '../model/inventory.ts';
import type { Resource } from '../model/resource.ts';
import type { Framework } from '../model/frameworks/framework.ts';
import type { Settings } from '../model/settings.ts';
import { THEMES } from '../model/theme.ts';
import type { Theme } from '../model/theme.ts';
import { VERSION } from '../version.ts';
import { frameworkScorecard } from './framework.ts';
import type { FrameworkScorecard } from './framework.ts';
import type { SeverityCounts } from './severity-counts.ts';
import { SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import { objectName } from './location.ts';
import type { ReportGraphs } from './graphs.ts';

/** An object that was scanned, with the ids of the checks that applied to it (JUnit lists them all). */
export interface ScannedObject {
  readonly object: ObjectRef;
  readonly resource: Resource;
  readonly checks: readonly string[];
}

export type { SeverityCounts } from './severity-counts.ts';

/** One line of the scorecard: a theme, how many checks covered it, what they found. */
export interface ThemeSummary {
  readonly id: Theme;
  readonly title: string;
  /** Checks of this theme that had something to check; 0 means the theme was not checked at all. */
  readonly checks: number;
  /** Findings that count (not suppressed). */
  readonly findings: number;
  readonly bySeverity: SeverityCounts;
}

/** Totals for the run. */
export interface Summary {
  readonly files: number;
  readonly objects: number;
  readonly findings: number;
  readonly suppressed: number;
  readonly bySeverity: SeverityCounts;
  readonly themes: readonly ThemeSummary[];
  readonly inputErrors: number;
  /** Findings that count but are not listed, being below `--min-severity`; counted above all the same. */
  readonly hidden: number;
  /** Of the suppressed findings, those a `--baseline` holds. */
  readonly inBaseline: number;
}

/** Everything renderers need; built once per run. */
export interface Report {
  readonly tool: { readonly name: 'kubeward'; readonly version: string };
  readonly checks: readonly CheckMeta[];
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every object scanned, with the checks that applied to it; made when first read. */
  readonly objects: readonly ScannedObject[];
  readonly summary: Summary;
  /** The per-control scorecard, when the run was asked for a framework (`--framework`). */
  readonly framework?: FrameworkScorecard;
  /** The network and attack-path graphs (`reportGraphs`), when the run was asked for them (`-o html`, `--graphs`). */
  readonly graphs?: ReportGraphs;
}

/**
 * Assembles the report from a run's pieces. Findings are listed by object (in input order), the
 * most severe first within an object, then in check order. Those below `minSeverity` are counted in
 * the summary but not listed. `configChecks` describe findings about the config file itself.
 */
export function buildReport(input: {
  readonly checks: readonly Check[];
  readonly inventory: Inventory;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
  /** Score the controls of this framework too. */
  readonly framework?: Framework;
  /** The settings the checks ran with: a check not in force under them checks no control. */
  readonly settings?: Settings;
  readonly minSeverity?: Severity;
  readonly configChecks?: readonly CheckMeta[];
}): Report {
  const { checks, inventory, findings, diagnostics, framework, settings, minSeverity = 'info' } = input;
  const counts = tally(findings, minSeverity);
  let objects: readonly ScannedObject[] | undefined;
  return {
    tool: { name: 'kubeward', version: VERSION },
    checks: [...checks, ...(input.configChecks ?? [])],
    findings: inReportOrder(counts),
    diagnostics,
    // Made on first read: JUnit and SARIF read them, the table and JSON do not.
    get objects() {
      return (objects ??= scannedObjects(checks, inventory, findings).concat(
        configObjects(input.configChecks, findings),
      ));
    },
    summary: {
      files: input.files,
      objects: inventory.resources.length + inventory.configs.length,
      findings: counts.counted,
      suppressed: findings.length - counts.counted,
      bySeverity: counts.bySeverity,
      themes: THEMES.map(({ id, title }) => ({
        id,
        title,
        checks: checks.filter((check) => check.theme === id && applied(check, inventory)).length,
        findings: counts.byTheme.get(id)?.findings ?? 0,
        bySeverity: counts.byTheme.get(id)?.bySeverity ?? zeroCounts(),
      })),
      inputErrors: diagnostics.filter((diagnostic) => diagnostic.level === 'error').length,
      hidden: counts.hidden,
      inBaseline: counts.inBaseline,
    },
    ...(framework === undefined
      ? {}
      : {
          framework: frameworkScorecard(
            framework,
            checks,
            (check) =>
              applied(check, inventory) && (settings === undefined || check.inForce?.(settings) !== false),
            findings,
          ),
        }),
  };
}

const zeroCounts = (): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;

/** What the summary counts of a run's findings, and the order the report lists them in, in one pass over them. */
interface Tally {
  /** The findings at or above the listed severity, in their order. */
  readonly shown: readonly Finding[];
  /**
   * Of each shown finding, what the report orders it by (see {@link inReportOrder}): its object, by
   * name in order of first appearance, and its severity, as `object * SEVERITIES.length + rank`.
   */
  readonly keys: Int32Array;
  /** Objects the shown findings are about. */
  readonly objects: number;
  /** Findings that count (not suppressed), in all and by severity. */
  readonly counted: number;
  readonly bySeverity: SeverityCounts;
  readonly byTheme: ReadonlyMap<Theme, { readonly findings: number; readonly bySeverity: SeverityCounts }>;
  /** Findings that count but are below the listed severity. */
  readonly hidden: number;
  /** Suppressed findings that a baseline holds. */
  readonly inBaseline: number;
}

function tally(findings: readonly Finding[], minSeverity: Severity): Tally {
  // The findings themselves while all are listed (by default all are); copied at the first that is not.
  let shown: Finding[] | undefined;
  const keys = new Int32Array(findings.length);
  const byName = new Map<string, number>();
  const bySeverity = zeroCounts();
  const byTheme = new Map(THEMES.map(({ id }) => [id, { findings: 0, bySeverity: zeroCounts() }]));
  const lowest = SEVERITY_RANK[minSeverity];
  let listedCount = 0;
  let counted = 0;
  let hidden = 0;
  let inBaseline = 0;
  // Findings about one object mostly follow one another: its name is looked up once per run of them.
  let object: ObjectRef | undefined;
  let group = 0;
  findings.forEach((finding, index) => {
    const rank = SEVERITY_RANK[finding.severity];
    const listed = rank <= lowest;
    if (listed) {
      if (finding.object !== object) {
        object = finding.object;
        const name = objectName(finding);
        const known = byName.get(name);
        if (known === undefined) byName.set(name, (group = byName.size));
        else group = known;
      }
      keys[listedCount++] = group * SEVERITIES.length + rank;
      shown?.push(finding);
    } else shown ??= findings.slice(0, index);
    if (finding.suppressed === undefined) {
      counted++;
      bySeverity[finding.severity]++;
      const theme = byTheme.get(finding.theme);
      if (theme) {
        theme.findings++;
        theme.bySeverity[finding.severity]++;
      }
      if (!listed) hidden++;
    } else if (finding.suppressed.by === 'baseline') inBaseline++;
  });
  return {
    shown: shown ?? findings,
    keys: keys.subarray(0, listedCount),
    objects: byName.size,
    counted,
    bySeverity,
    byTheme,
    hidden,
    inBaseline,
  };
}

/** The config files that findings of `configChecks` are about, each with those checks. */
function configObjects(
  configChecks: readonly CheckMeta[] = [],
  findings: readonly Finding[],
): ScannedObject[] {
  if (configChecks.length === 0) return [];
  const ids = configChecks.map((check) => check.id);
  const objects = new Map<Resource, ScannedObject>();
  for (const { checkId, resource, object } of findings)
    if (resource && ids.includes(checkId) && !objects.has(resource))
      objects.set(resource, { object, resource, checks: ids });
  return [...objects.values()];
}

/**
 * The shown findings grouped by object in order of first appearance, the most severe first within
 * each (stable): a counting sort on their keys, so that no group needs a list of its own.
 */
function inReportOrder({ shown, keys, objects }: Tally): Finding[] {
  const starts = new Int32Array(objects * SEVERITIES.length + 1);
  for (const key of keys) starts[key + 1] = (starts[key + 1] ?? 0) + 1;
  for (let key = 1; key < starts.length; key++) starts[key] = (starts[key] ?? 0) + (starts[key - 1] ?? 0);
  const sorted = new Array<Finding>(shown.length);
  shown.forEach((finding, i) => {
    const key = keys[i] ?? 0;
    const at = starts[key] ?? 0;
    sorted[at] = finding;
    starts[key] = at + 1;
  });
  return sorted;
}

const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((severity, i) => [severity, i])) as Readonly<
  Record<Severity, number>
>;

/**
 * Whether a check had anything to look at in this input (see Applicability). A check without an
 * `applies` predicate looks at Kubernetes objects and configuration files: on an input with none,
 * it did not run on anything, so its theme is not checked rather than passed.
 */
function applied(check: Check, inventory: Inventory): boolean {
  if (check.applies !== undefined) return check.applies(inventory);
  return inventory.resources.length + inventory.configs.length > 0;
}

/** The ids of the checks that apply to a group of objects, and the longer lists some objects need. */
interface CheckList {
  readonly ids: readonly string[];
  readonly set: ReadonlySet<string>;
  /** Lists extended with the ids of inventory-wide checks that found something, by those ids. */
  readonly extended: Map<string, readonly string[]>;
}

function scannedObjects(
  checks: readonly Check[],
  inventory: Inventory,
  findings: readonly Finding[],
): ScannedObject[] {
  const applying = checks.filter((check) => applied(check, inventory));
  const order = new Map(applying.map((check, i) => [check.id, i]));
  const workloads = new Set(inventory.workloads.map((workload) => workload.resource));
  // Objects of one kind share their list; so do objects that inventory-wide findings extend alike.
  const lists = { workload: new Map<string, CheckList>(), other: new Map<string, CheckList>() };
  const listOf = (resource: Resource): CheckList => {
    const workload = workloads.has(resource);
    const byKind = workload ? lists.workload : lists.other;
    let list = byKind.get(resource.kind);
    if (!list) {
      const ids = applying
        .filter((check) =>
          check.target === 'resource'
            ? check.kinds.includes(resource.kind)
            : check.target === 'workload' && workload,
        )
        .map((check) => check.id);
      byKind.set(resource.kind, (list = { ids, set: new Set(ids), extended: new Map() }));
    }
    return list;
  };
  const refs = new Map<Resource, ObjectRef>();
  const added = new Map<Resource, string[]>();
  let resource: Resource | undefined;
  let list: CheckList | undefined;
  for (const finding of findings) {
    if (!finding.resource) continue;
    if (finding.resource !== resource) {
      resource = finding.resource;
      refs.set(resource, finding.object);
      list = listOf(resource);
    }
    const { checkId } = finding;
    if (list?.set.has(checkId) === true || !order.has(checkId)) continue;
    const ids = added.get(resource);
    if (!ids) added.set(resource, [checkId]);
    else if (!ids.includes(checkId)) ids.push(checkId);
  }
  const byOrder = (a: string, b: string): number => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  const scanned: ScannedObject[] = [];
  const scan = (resource: Resource): void => {
    const object = refs.get(resource) ?? objectRef(inventory, resource);
    const list = listOf(resource);
    const extra = added.get(resource);
    if (!extra) {
      scanned.push({ object, resource, checks: list.ids });
      return;
    }
    const key = extra.sort(byOrder).join(',');
    let ids = list.extended.get(key);
    if (!ids) list.extended.set(key, (ids = [...list.ids, ...extra]));
    scanned.push({ object, resource, checks: ids });
  };
  for (const resource of inventory.resources) scan(resource);
  for (const resource of inventory.configs) scan(resource);
  return scanned;
}
