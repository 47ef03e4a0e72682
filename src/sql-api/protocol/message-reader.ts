/** Reads the fields of one frontend message body, in order. */
export class MessageReader {
  private offset = 0;

  constructor(private readonly body: Buffer) {}

  int16(): number {
    const v = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  byte(): number {
    return this.body.readUInt8(this.offset++);
  }

  cstring(): string {
    const end = this.body.indexOf(0, this.offset);
    if (end < 0) throw new RangeError('unterminated string in message');
    const v = this.body.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return v;
  }

  bytes(length: number): Buffer {
    if (this.offset + length > this.body.length) throw new RangeError('message shorter than its fields');
    const v = this.body.subarray(this.offset, this.offset + length);
    this.offset += length;
    return v;
  }

  get remaining(): number {
    return this.body.length - this.offset;
  }
}
