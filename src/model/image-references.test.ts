import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference } from './image.ts';
import { imageReferenceIn } from './image-references.ts';
import { buildInventory } from './inventory.ts';

describe('imageReferenceIn', () => {
  it('reads an image as parseImageReference does, valid or not', () => {
    const inventory = buildInventory([]);
    for (const image of [
      'nginx',
      'k8s.gcr.io/pause:3.9',
      'ghcr.io/a/b@sha256:' + 'a'.repeat(64),
      'Bad/Name:x',
    ])
      assert.deepEqual(imageReferenceIn(inventory, image), parseImageReference(image));
  });

  it('parses each distinct image once per inventory', () => {
    const inventory = buildInventory([]);
    const first = imageReferenceIn(inventory, 'nginx:1.27');
    assert.equal(imageReferenceIn(inventory, 'nginx:1.27'), first);
    assert.notEqual(imageReferenceIn(inventory, 'nginx:1.28'), first);
    assert.notEqual(imageReferenceIn(buildInventory([]), 'nginx:1.27'), first);
  });
});
