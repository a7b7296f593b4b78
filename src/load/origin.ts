import type { FieldPath } from '../model/path.ts';
import type { Position } from '../model/position.ts';
import type { Origin } from '../model/resource.ts';
import { locate } from './locate.ts';
import type { DocumentEvents } from './source.ts';

/** The item path of an object that is its whole document (not an item of a List). */
export const WHOLE_DOCUMENT: FieldPath = [];

/** The origin of an object in a parsed document; one small object, its methods shared by all. */
class DocumentOrigin implements Origin {
  readonly file: string;
  readonly document: number;
  readonly itemPath: FieldPath;
  readonly #events: DocumentEvents;

  constructor(file: string, document: number, events: DocumentEvents, itemPath: FieldPath) {
    this.file = file;
    this.document = document;
    this.itemPath = itemPath;
    this.#events = events;
  }

  locate(path: FieldPath): Position {
    return locate(this.#events, this.itemPath.length === 0 ? path : [...this.itemPath, ...path]);
  }
}

/** Where an object of a document (the document itself, or the List item at `itemPath`) came from. */
export function documentOrigin(
  file: string,
  document: number,
  events: DocumentEvents,
  itemPath: FieldPath = WHOLE_DOCUMENT,
): Origin {
  return new DocumentOrigin(file, document, events, itemPath);
}
