/**
 * Knobs that checks read, from `.kubeward.yaml` (`settings:`) and flags. Every field has a default
 * (see `config/defaults.ts`), so checks never test for absence.
 */
export interface Settings {
  /** Image registries allowed (prefix match on the image reference); empty allows every registry. */
  readonly allowedRegistries: readonly string[];
}
