import { Memo } from './public-cache.js';

describe('Memo', () => {
  it('shares one load between callers until the time limit, then loads again', async () => {
    const memo = new Memo({ ttlMs: 1000, maxEntries: 10, maxBytes: Infinity });
    let loads = 0;
    const load = async () => ++loads;
    await expect(memo.get('k', load, 0)).resolves.toBe(1);
    await expect(memo.get('k', load, 999)).resolves.toBe(1);
    await expect(memo.get('k', load, 1000)).resolves.toBe(2);
  });

  it('forgets failures, and evicts the least recently used beyond its limits', async () => {
    const memo = new Memo({ ttlMs: 1000, maxEntries: 2, maxBytes: 10 }, (v) => String(v).length);
    await expect(memo.get('bad', () => Promise.reject(new Error('down')), 0)).rejects.toThrow('down');
    await new Promise((r) => setImmediate(r));
    await expect(memo.get('bad', async () => 'ok', 1)).resolves.toBe('ok');
    await memo.get('a', async () => 'aaaa', 2);
    await memo.get('b', async () => 'bbbb', 3); // 'bad' evicted (two entries at most)
    await expect(memo.get('bad', async () => 'again', 4)).resolves.toBe('again');
    await new Promise((r) => setImmediate(r));
    // 'a' was least recently used and went when 'bad' came back
    await expect(memo.get('a', async () => 'reloaded', 5)).resolves.toBe('reloaded');
  });
});
