import type { Finding } from './catalogue.js';

/**
 * cyrb53, a fast 53-bit hash, over the findings' rules, statuses and messages: equal hashes mean
 * unchanged findings (a false match is about 1 in 2^53), so a re-check compares 8 bytes a row and
 * builds the JSON of only the findings that changed.
 */
export function findingsHash(findings: readonly Pick<Finding, 'rule' | 'status' | 'message'>[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // A separator no message contains, so that ["ab", "c"] and ["a", "bc"] differ.
    h1 = Math.imul(h1 ^ 0xffff, 2654435761);
    h2 = Math.imul(h2 ^ 0xffff, 1597334677);
  };
  for (const f of findings) {
    feed(f.rule);
    feed(f.status);
    feed(f.message);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
