import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Artifact, ArtifactLocation } from 'sarif';

/** The uriBaseId of files below the scan's working directory (GitHub code scanning's convention). */
export const SOURCE_ROOT = '%SRCROOT%';

/** How the loaders name standard input (`kubeward scan -`). */
const STDIN_FILE = '<stdin>';

/** The URI given to standard input: relative, with no base, described in `run.artifacts`. */
const STDIN_URI = 'stdin';

/** The files a SARIF run refers to, each listed once in `run.artifacts`. */
export interface Artifacts {
  /** `%SRCROOT%`: the directory relative artifact URIs are resolved against, a file:// URI ending in `/`. */
  readonly originalUriBaseIds: Readonly<Record<string, ArtifactLocation>>;
  /** The location of a file as loaded (a path as given, or `<stdin>`), with its index in `list`; two spellings of one path share it. */
  location(file: string): ArtifactLocation;
  /** The location of an object read from a cluster: its `cluster://` address as an absolute URI, listed once too. */
  address(uri: string): ArtifactLocation;
  /** Every file located so far, in order of first use. */
  readonly list: readonly Artifact[];
}

/**
 * Artifact URIs as SARIF 2.1.0 (§3.4, artifactLocation; §3.14.14, originalUriBaseIds) and GitHub
 * code scanning want them: a file below `baseDirectory` is a relative URI with uriBaseId `%SRCROOT%`,
 * which resolves to `baseDirectory`; a file elsewhere is an absolute file:// URI; standard input is
 * `stdin`, described as such. Path segments are percent-encoded, so `#`, `?` and `%` in a file name
 * stay part of the path.
 */
export function artifacts(baseDirectory: string): Artifacts {
  const base = resolve(baseDirectory);
  const root = pathToFileURL(base).href;
  const list: Artifact[] = [];
  const indexes = new Map<string, number>();
  const describe = (file: string): Artifact => {
    if (file === STDIN_FILE) return { location: { uri: STDIN_URI }, description: { text: 'standard input' } };
    const path = resolve(base, file);
    const below = relative(base, path);
    if (below === '' || below.startsWith(`..${sep}`) || below === '..' || isAbsolute(below))
      return { location: { uri: pathToFileURL(path).href } };
    return {
      location: { uri: below.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT },
    };
  };
  const listed = (key: string, artifact: () => Artifact): ArtifactLocation => {
    let index = indexes.get(key);
    if (index === undefined) {
      index = list.length;
      indexes.set(key, index);
      list.push(artifact());
    }
    return { ...list[index]?.location, index };
  };
  return {
    originalUriBaseIds: {
      [SOURCE_ROOT]: {
        uri: root.endsWith('/') ? root : `${root}/`,
        description: { text: 'The directory kubeward ran in; relative artifact URIs resolve against it.' },
      },
    },
    location(file) {
      return listed(file === STDIN_FILE ? file : resolve(base, file), () => describe(file));
    },
    address(uri) {
      return listed(uri, () => ({
        location: { uri },
        description: { text: 'an object read from a live cluster' },
      }));
    },
    list,
  };
}
