import { UsageError } from '../model/errors.ts';
import type { Descriptor, Platform } from '../model/image-source.ts';

/** Node's `process.arch` as the OCI image spec names architectures (GOARCH values, config.md). */
const ARCHITECTURES: Readonly<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
};

/**
 * A `--platform` value, `os/arch[/variant]` as docker and containerd take it (containerd
 * platforms.Parse), lowercased.
 */
export function parsePlatform(text: string): Platform {
  const parts = text.toLowerCase().split('/');
  const [os, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[a-z0-9_.-]+$/.test(part)))
    throw new UsageError(
      `--platform "${text}": give os/arch or os/arch/variant, e.g. linux/amd64 or linux/arm64/v8`,
    );
  return { os: os ?? '', architecture: architecture ?? '', variant };
}

/** The platform of this host: images for Linux containers on its architecture, as docker pulls them. */
export function hostPlatform(arch: string = process.arch): Platform {
  return {
    os: 'linux',
    architecture: ARCHITECTURES[arch] ?? arch,
    variant: arch === 'arm' ? 'v7' : undefined,
  };
}

/** containerd's normalisation of variants: arm64 is v8 and amd64 v1 unless said otherwise, arm v7. */
function variantOf(platform: Platform): string {
  const variant = platform.variant ?? '';
  if (platform.architecture === 'arm64' && variant === '') return 'v8';
  if (platform.architecture === 'amd64' && variant === '') return 'v1';
  if (platform.architecture === 'arm' && variant === '') return 'v7';
  return variant;
}

/** `linux/arm64/v8`, for messages. */
export function formatPlatform(platform: Platform): string {
  return [
    platform.os,
    platform.architecture,
    ...(platform.variant === undefined ? [] : [platform.variant]),
  ].join('/');
}

/**
 * The entry of an index that serves `wanted`: the first whose OS, architecture and variant (as
 * containerd normalises them) are those wanted; without a variant asked for, the first of the OS
 * and architecture. Entries without a platform (attestations, signatures) never match.
 */
export function selectPlatform(manifests: readonly Descriptor[], wanted: Platform): Descriptor | undefined {
  const candidates = manifests.filter(
    (entry) => entry.platform?.os === wanted.os && entry.platform.architecture === wanted.architecture,
  );
  const exact = candidates.find(
    (entry) => entry.platform !== undefined && variantOf(entry.platform) === variantOf(wanted),
  );
  return exact ?? (wanted.variant === undefined ? candidates[0] : undefined);
}
