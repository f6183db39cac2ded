import { randomUUID } from 'node:crypto';
import { UuidList } from './uuid-list.js';

describe('UuidList', () => {
  it('gives back every uuid pushed, in order, across growth', () => {
    const ids = Array.from({ length: 5000 }, () => randomUUID());
    const list = new UuidList();
    for (const id of ids) list.push(id);
    expect(list.length).toBe(5000);
    expect(list.toArray()).toEqual(ids);
    expect(new UuidList().toArray()).toEqual([]);
  });
});
