import { InputError } from '../../model/errors.ts';
import type { ImageSource } from '../../model/image-source.ts';
import { archiveStore, directoryStore } from './store.ts';
import { openStoredImage } from './stored-image.ts';
import type { ImageSelection } from './stored-image.ts';

/** Where a local image is: an OCI layout directory, or a `docker save` / OCI tar archive. */
export type LocalImage = { readonly layout: string } | { readonly archive: string };

/** The image of a local layout or archive, one platform and name picked by `selection`. */
export async function openImage(image: LocalImage, selection: ImageSelection): Promise<ImageSource> {
  if ('layout' in image) return openStoredImage(directoryStore(image.layout), selection);
  try {
    return await openStoredImage(await archiveStore(image.archive), selection);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new InputError(`${image.archive}: no such file`);
    }
    throw error;
  }
}
