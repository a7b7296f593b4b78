import type { CompactEvents } from './compact-events.ts';

/** The text of one input (a file or stdin), as read. */
export interface Source {
  /** The path as the user gave it (relative paths stay relative); `-` is stdin, shown as `<stdin>`. */
  readonly file: string;
  readonly text: string;
  readonly format: 'yaml' | 'json';
}

/**
 * Where one parsed document's events live, so a field path can be located later without parsing again.
 * `events` may be computed on first use (JSON is parsed with JSON.parse and tokenised only when a finding
 * needs a position). Offsets in the events are relative to `offset` in the source text.
 */
export interface DocumentEvents {
  readonly source: Source;
  /** Offset of `text` inside `source.text`. */
  readonly offset: number;
  /** The text the events index into. */
  readonly text: string;
  readonly events: () => CompactEvents;
  /** Index of this document's DOCUMENT event. */
  readonly start: number;
}
