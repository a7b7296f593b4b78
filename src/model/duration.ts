/**
 * Milliseconds of a duration as kubeward's flags and config write it: `30s`, `2m`, `500ms`, `1h`
 * (a bare number is seconds). Undefined when the text is no such duration or is not more than 0.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = match[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  const milliseconds = Number(match[1]) * factor;
  return milliseconds > 0 ? milliseconds : undefined;
}
