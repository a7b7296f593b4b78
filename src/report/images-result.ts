import type { Diagnostic } from '../model/diagnostic.ts';
import type { ImageEntry } from '../model/image-usage.ts';
import type { Report } from './report.ts';

/** What a registry said of an image's tag: the digest it points to today, or why it could not say. */
export type ImageResolution =
  | {
      readonly digest: string;
      readonly mediaType: string;
      /** When the tag names an index: the platform asked for, and its image's digest (null when absent). */
      readonly platform?: string;
      readonly platformDigest?: string | null;
    }
  | { readonly error: string };

/** One image of the list, with its resolution when `--resolve` asked the registry. */
export interface ImageRow {
  readonly entry: ImageEntry;
  readonly resolution?: ImageResolution | undefined;
}

/** What `kubeward images` renders: the images, the load diagnostics and, with `--resolve`, its findings. */
export interface ImagesResult {
  readonly rows: readonly ImageRow[];
  readonly diagnostics: readonly Diagnostic[];
  /** The findings of `--resolve` (tags to pin, with their fix), as a report for the JSON and SARIF renderers. */
  readonly report?: Report | undefined;
}
