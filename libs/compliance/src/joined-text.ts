/**
 * Texts joined by a separator into one UTF-8 buffer, sent as a single query parameter and split
 * in the database (string_to_array). The bytes live outside the JavaScript heap: a re-check
 * batch's findings (megabytes) would otherwise be copied by every young-generation collection
 * that happens before the batch is written.
 */
export class JoinedText {
  private buffer: Buffer;
  private length = 0;
  private count = 0;

  constructor(
    private readonly separator: string,
    initialBytes = 1 << 16,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(initialBytes);
  }

  /** How many texts have been added. */
  get size(): number {
    return this.count;
  }

  add(text: string): this {
    if (this.count++ > 0) this.write(this.separator);
    this.write(text);
    return this;
  }

  /** The joined texts (a view of the buffer: valid until the next add). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** As a string, for tests and small columns. */
  toString(): string {
    return this.bytes().toString('utf8');
  }

  private write(text: string): void {
    // At most 3 bytes per UTF-16 code unit.
    const most = text.length * 3;
    if (this.length + most > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (this.length + most > size) size *= 2;
      const grown = Buffer.allocUnsafeSlow(size);
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }
}
