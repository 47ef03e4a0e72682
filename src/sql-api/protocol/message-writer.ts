/**
 * Builds one backend message: a type byte, a length that counts itself, then the body.
 * Every backend message file uses it so the framing rule lives in one place.
 */
export class MessageWriter {
  private readonly parts: Buffer[] = [];
  private size = 0;

  byte(value: number): this {
    return this.push(Buffer.from([value]));
  }

  int16(value: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(value);
    return this.push(b);
  }

  int32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(value);
    return this.push(b);
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(value: string): this {
    return this.push(Buffer.from(`${value}\0`, 'utf8'));
  }

  bytes(value: Buffer): this {
    return this.push(value);
  }

  /** The finished message with its type byte and length. */
  message(type: string): Buffer {
    const header = Buffer.alloc(5);
    header.write(type, 0, 'latin1');
    header.writeInt32BE(this.size + 4, 1);
    return Buffer.concat([header, ...this.parts], this.size + 5);
  }

  private push(b: Buffer): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }
}
