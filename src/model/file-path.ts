/**
 * A node's file path as kubeward compares paths: repeated and trailing slashes collapsed
 * (`//var//run/` → `/var/run`); `` and `/` are `/`. Relative paths stay relative.
 */
export function normaliseFilePath(path: string): string {
  const trimmed = path.replace(/\/+/g, '/').replace(/\/$/, '');
  return trimmed === '' ? '/' : trimmed;
}
