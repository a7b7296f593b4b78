import { join } from 'node:path';
import type { Origin, Resource } from '../model/resource.ts';
import type { Source } from './source.ts';

/** The comment `helm template` writes above each document: `# Source: CHART/templates/x.yaml`. */
const SOURCE_COMMENT = /^# Source: (.+?)\s*$/gm;
/** A document separator line. */
const SEPARATOR = /^---(?=[ \t\r\n]|$)/gm;

/** Whether a text holds `helm template` output (a `# Source:` comment at the start of a line). */
export function isHelmOutput(source: Source): boolean {
  return source.format === 'yaml' && /^# Source: /m.test(source.text);
}

/**
 * Locates the objects of `helm template` output at their templates: an object under a `# Source:
 * CHART/templates/x.yaml` comment (in the same `---` document) is reported in that template file,
 * with the line in the rendered output and a note naming the output. With `chart`, the directory the
 * output was rendered from, the template's path is found in it (`CHART/charts/sub/templates/y.yaml`
 * is `chart/charts/sub/templates/y.yaml`); otherwise the path stays as helm wrote it. Objects without
 * such a comment keep their origin.
 */
export function atTemplates(source: Source, resources: readonly Resource[], chart?: string): Resource[] {
  const comments = linesOf(source.text, SOURCE_COMMENT);
  if (comments.length === 0) return [...resources];
  const separators = linesOf(source.text, SEPARATOR);
  const note = `line in the helm template output ${source.file}`;
  return resources.map((resource) => {
    const line = resource.origin.locate([]).line;
    const comment = lastBefore(comments, line);
    const separator = lastBefore(separators, line);
    if (comment === undefined || (separator !== undefined && separator.line > comment.line)) return resource;
    const file = chart === undefined ? comment.text : join(chart, comment.text.split('/').slice(1).join('/'));
    return { ...resource, origin: inTemplate(resource.origin, file, note) };
  });
}

function inTemplate(origin: Origin, file: string, note: string): Origin {
  return {
    file,
    document: origin.document,
    itemPath: origin.itemPath,
    locate: (path) => ({ ...origin.locate(path), note }),
    note,
  };
}

interface Line {
  readonly line: number;
  readonly text: string;
}

/** The 1-based line and first group (or the whole match) of every match of `pattern`, in order. */
function linesOf(text: string, pattern: RegExp): Line[] {
  const lines: Line[] = [];
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(pattern)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    lines.push({ line, text: match[1] ?? match[0] });
  }
  return lines;
}

/** The last entry of `lines` (sorted) before line `line`. */
function lastBefore(lines: readonly Line[], line: number): Line | undefined {
  let low = 0;
  let high = lines.length - 1;
  let found: Line | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const entry = lines[middle];
    if (entry !== undefined && entry.line < line) {
      found = entry;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
