import { JoinedText } from './joined-text.js';

describe('JoinedText', () => {
  it('joins texts with the separator, as UTF-8, growing as needed', () => {
    const t = new JoinedText('\u001e', 4);
    const texts = ['£12,500.00 "quoted"', '', 'naïve – 日本', 'x'.repeat(10_000)];
    for (const s of texts) t.add(s);
    expect(t.size).toBe(4);
    expect(t.toString()).toBe(texts.join('\u001e'));
    expect(t.bytes().equals(Buffer.from(texts.join('\u001e'), 'utf8'))).toBe(true);
  });

  it('is empty until something is added', () => {
    const t = new JoinedText(',');
    expect([t.size, t.toString()]).toEqual([0, '']);
    expect(t.add('a').add('b').toString()).toBe('a,b');
  });
});
