import type { SignatureVerdict } from '../model/image-signature.ts';
import type { ImageEntry } from '../model/image-usage.ts';

/** One image of `kubeward images verify`: the digest verified and the verdict, or why it could not be verified. */
export interface ImageVerification {
  readonly entry: ImageEntry;
  /** The digest whose signatures were checked: the reference's, or the one its tag points to. */
  readonly digest?: string | undefined;
  readonly verdict?: SignatureVerdict | undefined;
  /** The reference is invalid, or the registry could not be read. */
  readonly error?: string | undefined;
}
