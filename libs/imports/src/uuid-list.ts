/** A growing list of UUIDs kept as 16 bytes each rather than as 36-character strings. */
export class UuidList {
  private bytes = Buffer.alloc(16 * 1024);
  length = 0;

  push(uuid: string): void {
    if ((this.length + 1) * 16 > this.bytes.length) {
      const bigger = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(bigger);
      this.bytes = bigger;
    }
    this.bytes.write(uuid.replace(/-/g, ''), this.length * 16, 16, 'hex');
    this.length++;
  }

  toArray(): string[] {
    const out: string[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const h = this.bytes.toString('hex', i * 16, i * 16 + 16);
      out[i] = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    return out;
  }
}
