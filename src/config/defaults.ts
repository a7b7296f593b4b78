import type { Settings } from '../model/settings.ts';

/** Settings used when `.kubeward.yaml` says nothing. */
export const DEFAULT_SETTINGS: Settings = {
  allowedRegistries: [],
};
