/**
 * Remembers the grant ids of one file in 12 bytes a slot (a 64-bit hash and the first row), where a
 * Map of the id strings costs about 100 bytes: a million-row file keeps ~24 MB instead of ~110 MB.
 * Two different ids share a 64-bit hash with a probability of about 3 in 100 million for a
 * million-row file; that risk is accepted (such a row would be reported as a repeated id).
 */
export class SeenGrantIds {
  private hashA = new Uint32Array(1 << 12);
  private hashB = new Uint32Array(1 << 12);
  /** first row + 1 (rows and lines of a file fit 32 bits); 0 marks an empty slot */
  private firstRow = new Uint32Array(1 << 12);
  private size = 0;

  /** The row where `id` was first seen, or undefined (and it is remembered at `row`). */
  seenBefore(id: string, row: number): number | undefined {
    const a = fnv1a(id);
    const b = murmurish(id);
    const mask = this.hashA.length - 1;
    for (let i = (a ^ (b >>> 7)) & mask; ; i = (i + 1) & mask) {
      const stored = this.firstRow[i];
      if (stored === 0) {
        this.hashA[i] = a;
        this.hashB[i] = b;
        this.firstRow[i] = row + 1;
        if (++this.size * 2 > this.hashA.length) this.grow();
        return undefined;
      }
      if (this.hashA[i] === a && this.hashB[i] === b) return stored - 1;
    }
  }

  private grow(): void {
    const [oldA, oldB, oldRow] = [this.hashA, this.hashB, this.firstRow];
    const capacity = oldA.length * 2;
    this.hashA = new Uint32Array(capacity);
    this.hashB = new Uint32Array(capacity);
    this.firstRow = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < oldA.length; j++) {
      if (oldRow[j] === 0) continue;
      let i = (oldA[j] ^ (oldB[j] >>> 7)) & mask;
      while (this.firstRow[i] !== 0) i = (i + 1) & mask;
      this.hashA[i] = oldA[j];
      this.hashB[i] = oldB[j];
      this.firstRow[i] = oldRow[j];
    }
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A second, independent 32-bit hash (murmur3's mixing steps). */
function murmurish(s: string): number {
  let h = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
