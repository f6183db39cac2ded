import { writeInChunks } from './write-chunks.js';

/** A fake statement runner: each call starts at once and finishes when the test says so. */
function statements() {
  const started: number[][] = [];
  const finish: Array<(error?: Error) => void> = [];
  const write = (chunk: number[]) => {
    started.push(chunk);
    return new Promise<void>((resolve, reject) => finish.push((error) => (error ? reject(error) : resolve())));
  };
  return { started, finish, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('writeInChunks', () => {
  it('writes every item once, in order, a chunk per statement', async () => {
    const written: number[][] = [];
    await writeInChunks([1, 2, 3, 4, 5], 2, async (chunk) => void written.push(chunk));
    expect(written).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('prepares the next chunk while the previous one runs, never more than two at once', async () => {
    const s = statements();
    const done = writeInChunks([1, 2, 3, 4, 5, 6], 2, s.write);
    await tick();
    expect(s.started).toEqual([[1, 2], [3, 4]]);
    s.finish[0]();
    await tick();
    expect(s.started).toEqual([[1, 2], [3, 4], [5, 6]]);
    s.finish[1]();
    s.finish[2]();
    await expect(done).resolves.toBeUndefined();
  });

  it('stops at the first failure and reports it', async () => {
    const s = statements();
    const done = writeInChunks([1, 2, 3, 4, 5, 6], 2, s.write);
    await tick();
    s.finish[0](new Error('duplicate key value violates unique constraint'));
    s.finish[1](new Error('current transaction is aborted'));
    await expect(done).rejects.toThrow('duplicate key value');
    expect(s.started).toHaveLength(2);
  });

  it('writes nothing for no items', async () => {
    const s = statements();
    await writeInChunks([], 10, s.write);
    expect(s.started).toEqual([]);
  });
});
