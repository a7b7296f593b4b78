import type { Diagnostic } from '../model/diagnostic.ts';
import { objectMetaShapeIssues } from '../model/field-shapes.ts';
import { formatPath, isRecord } from '../model/path.ts';
import type { FieldPath, Mapping } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import { isConfigKind } from './config-kinds.ts';
import { locate } from './locate.ts';
import { documentOrigin, WHOLE_DOCUMENT } from './origin.ts';
import type { ParsedDocument } from './parse.ts';
import type { ReadSource } from './read.ts';

/**
 * Turns parsed documents into resources: expands `kind: List` and typed lists (`PodList`, as
 * `kubectl get -o yaml` emits them), and reports documents that are not Kubernetes objects.
 * A document that is not an object is an error in a file the user named. In a file a directory walk
 * found (repositories hold package.json, CI workflows, Helm values and charts beside manifests), a
 * document that does not look like a Kubernetes object is skipped with a note; one that looks like
 * an object but lacks its apiVersion or kind, or a sequence of objects, is a warning or an error.
 */
export function toResources(
  source: ReadSource,
  documents: readonly ParsedDocument[],
): { resources: Resource[]; diagnostics: Diagnostic[] } {
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const document of documents) {
    const { value } = document;
    if (value === null || value === undefined) continue;
    const where = (path: FieldPath): Diagnostic => {
      const position = locate(document.events, path);
      return { level: 'error', file: source.file, line: position.line, column: position.column, message: '' };
    };
    if (!isRecord(value)) {
      const shape = Array.isArray(value) ? 'a sequence' : `a ${typeof value}`;
      const skipped = !source.named && !holdsObjects(value);
      diagnostics.push({
        ...where([]),
        ...(skipped ? { level: 'note' } : {}),
        message: `document ${document.index + 1} is ${shape}, not a Kubernetes object${skipped ? ': skipped' : ''}`,
      });
      continue;
    }
    if (!source.named && !looksLikeObject(value)) {
      diagnostics.push({
        ...where([]),
        level: 'note',
        message: `document ${document.index + 1} is not a Kubernetes object (no kind or metadata): skipped`,
      });
      continue;
    }
    const expanded = expandList(value);
    if (typeof expanded === 'string') {
      diagnostics.push({ ...where(['items']), message: `document ${document.index + 1}: ${expanded}` });
      continue;
    }
    for (const { object, itemPath, inherited } of expanded) {
      const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : inherited?.apiVersion;
      const kind = typeof object.kind === 'string' ? object.kind : inherited?.kind;
      if (apiVersion === undefined || kind === undefined || kind === '') {
        const missing = kind === undefined || kind === '' ? 'kind' : 'apiVersion';
        diagnostics.push({
          ...where(itemPath),
          level: source.named ? 'error' : 'warning',
          message: `${objectIn(document, itemPath)}: not a Kubernetes object (no ${missing})`,
        });
        continue;
      }
      const issues = objectMetaShapeIssues(object.metadata);
      if (issues.length > 0) {
        for (const issue of issues) {
          const path = ['metadata', ...issue.path];
          diagnostics.push({
            ...where([...itemPath, ...path]),
            message: `${objectIn(document, itemPath)}: invalid ${formatPath(path)}: ${issue.message}`,
          });
        }
        continue;
      }
      const metadata = isRecord(object.metadata) ? object.metadata : {};
      const name = stringOr(metadata.name, stringOr(metadata.generateName, ''));
      const namespace =
        typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
      resources.push({
        apiVersion,
        kind,
        name,
        namespace,
        role: isConfigKind(apiVersion, kind) ? 'config' : 'object',
        object,
        origin: documentOrigin(source.file, document.index, document.events, itemPath),
      });
    }
  }
  return { resources, diagnostics };
}

/** How a diagnostic names an object: `document 2`, or `document 2 item 5` for an item of a List. */
function objectIn(document: ParsedDocument, itemPath: FieldPath): string {
  return `document ${document.index + 1}${itemPath.length > 0 ? ` item ${String(itemPath[1])}` : ''}`;
}

interface ListItem {
  readonly object: Mapping;
  readonly itemPath: FieldPath;
  readonly inherited?: { readonly apiVersion: string | undefined; readonly kind: string };
}

function expandList(value: Mapping): ListItem[] | string {
  const kind = value.kind;
  const isList = typeof kind === 'string' && kind.endsWith('List') && 'items' in value;
  if (!isList) return [{ object: value, itemPath: WHOLE_DOCUMENT }];
  const items = value.items ?? [];
  if (!Array.isArray(items)) return `${kind}.items must be a list`;
  const inherited =
    kind === 'List'
      ? undefined
      : {
          apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : undefined,
          kind: kind.slice(0, -'List'.length),
        };
  const expanded: ListItem[] = [];
  items.forEach((item: unknown, i) => {
    const itemPath = ['items', i];
    if (isRecord(item))
      expanded.push(inherited ? { object: item, itemPath, inherited } : { object: item, itemPath });
    else expanded.push({ object: {}, itemPath });
  });
  return expanded;
}

/**
 * Whether a mapping means to be a Kubernetes object: it has a `kind` or a `metadata` (a package.json,
 * a CI workflow, Helm's values.yaml or Chart.yaml have neither).
 */
function looksLikeObject(value: Mapping): boolean {
  return 'kind' in value || 'metadata' in value;
}

/** A sequence of objects (a list of manifests written without `kind: List`) is a broken manifest. */
function holdsObjects(value: unknown): boolean {
  return Array.isArray(value) && value.some((item) => isRecord(item) && looksLikeObject(item));
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
