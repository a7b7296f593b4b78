import type { CheckMeta } from '../check.ts';

/** The frameworks a check's controls are mapped to; each is also the name of its `CheckMeta` property. */
export const FRAMEWORK_IDS = ['nsa', 'mitre', 'cis', 'pss'] as const;

/** A framework id: `nsa`, `mitre`, `cis` or `pss`. */
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** One control of a framework: a guidance section, an ATT&CK technique, a benchmark item, a PSS control. */
export interface FrameworkControl {
  /** Stable id, as the check metadata spells it. */
  readonly id: string;
  readonly title: string;
  /** Where the control sits in the framework: the chapter, tactic or level. */
  readonly group?: string;
}

/** A catalogue of controls: what `kubeward scan --framework` scores, in the framework's own order. */
export interface Framework {
  readonly id: FrameworkId;
  readonly title: string;
  /** The document or data set the catalogue models. */
  readonly source: string;
  readonly controls: readonly FrameworkControl[];
}

/** The ids of the controls of `framework` that `check` implements (none when it declares none). */
export function controlIdsOf(check: CheckMeta, framework: FrameworkId): readonly string[] {
  return check[framework] ?? [];
}
