import type { Inventory } from '../../model/inventory.ts';

/** The certificate and key checks apply when the input holds a PEM certificate or private key. */
export function hasPemFiles(inventory: Inventory): boolean {
  return inventory.nodeFiles.certificates.length > 0 || inventory.nodeFiles.privateKeys.length > 0;
}
