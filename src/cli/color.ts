/**
 * Whether to colour output: never with --no-color, NO_COLOR, CI=true, or when not writing to a terminal;
 * FORCE_COLOR turns it on.
 */
export function useColor(flag: boolean, stream: NodeJS.WriteStream | undefined): boolean {
  if (!flag || 'NO_COLOR' in process.env || process.env.CI === 'true') return false;
  if ('FORCE_COLOR' in process.env) return true;
  return stream?.isTTY === true;
}
