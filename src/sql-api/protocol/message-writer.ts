/**
 * Builds one backend message: a type byte, a length that counts itself, then the body.
 * Every backend message file uses it so the framing rule lives in one place.
 *
 * Fields are written in place into one buffer that grows as needed (an answer sends a
 * message per row, so a buffer per field and a copy to join them were most of its cost).
 */
const HEADER_BYTES = 5;

export class MessageWriter {
  private buffer = Buffer.allocUnsafe(64);
  /** Bytes written so far, the header's room included. */
  private size = HEADER_BYTES;

  byte(value: number): this {
    this.reserve(1);
    this.buffer[this.size++] = value;
    return this;
  }

  int16(value: number): this {
    this.reserve(2);
    this.size = this.buffer.writeInt16BE(value, this.size);
    return this;
  }

  int32(value: number): this {
    this.reserve(4);
    this.size = this.buffer.writeInt32BE(value, this.size);
    return this;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(value: string): this {
    const text = `${value}`;
    const length = Buffer.byteLength(text, 'utf8');
    this.reserve(length + 1);
    this.size += this.buffer.write(text, this.size, length, 'utf8');
    this.buffer[this.size++] = 0;
    return this;
  }

  bytes(value: Buffer): this {
    this.reserve(value.length);
    this.size += value.copy(this.buffer, this.size);
    return this;
  }

  /** The finished message with its type byte and length. */
  message(type: string): Buffer {
    this.buffer[0] = type.charCodeAt(0) & 0xff;
    this.buffer.writeInt32BE(this.size - 1, 1);
    return this.buffer.subarray(0, this.size);
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.size + bytes));
    this.buffer.copy(grown, 0, 0, this.size);
    this.buffer = grown;
  }
}
