/**
 * What a field extracts from one event: nothing (`undefined`: the field is absent, every comparison on
 * it is false), one string, or a list of at least one string. An empty list counts as absent, as
 * libsinsp's plugin filtercheck rejects a result of length 0 (falcosecurity/libs
 * userspace/libsinsp/plugin_filtercheck.cpp, `extract_nocache`).
 */
export type FieldValue = string | readonly string[] | undefined;

/** A list result, or absent when empty. */
export function listValue(values: readonly string[]): FieldValue {
  return values.length === 0 ? undefined : values;
}

/** How a field is declared: whether it yields a list and what argument it takes. */
export interface FieldInfo {
  readonly name: string;
  readonly list: boolean;
  readonly arg: 'none' | 'index' | 'key';
  readonly argRequired: boolean;
}

/** An extractor for one field with its argument fixed at compile time. */
export type Extractor = (event: unknown) => FieldValue;
