import { UsageError } from '../model/errors.ts';

/** The integer value of `flag` (as commander gives it, a string) within [min, max]; a UsageError otherwise. */
export function integerFlag(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new UsageError(`${flag} must be an integer from ${String(min)} to ${String(max)}, not "${value}"`);
  return parsed;
}
