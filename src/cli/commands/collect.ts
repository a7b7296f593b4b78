/** Commander argument parser of a repeatable option: each occurrence appends its value. */
export function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}
