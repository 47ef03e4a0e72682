import { SqlApiError, SQLSTATE } from '../sql-api-error';

/** A field that runs past the message's end: PostgreSQL's own ERROR for it. */
function insufficientData(): SqlApiError {
  return new SqlApiError(SQLSTATE.protocolViolation, 'insufficient data left in message');
}

/** Reads the fields of one frontend message body, in order; a short or malformed body is 08P01. */
export class MessageReader {
  private offset = 0;

  constructor(private readonly body: Buffer) {}

  private need(count: number): void {
    if (this.offset + count > this.body.length) throw insufficientData();
  }

  int16(): number {
    this.need(2);
    const v = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  byte(): number {
    this.need(1);
    return this.body.readUInt8(this.offset++);
  }

  cstring(): string {
    const end = this.body.indexOf(0, this.offset);
    if (end < 0) throw new SqlApiError(SQLSTATE.protocolViolation, 'invalid string in message');
    const v = this.body.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return v;
  }

  bytes(length: number): Buffer {
    if (length < 0) throw insufficientData();
    this.need(length);
    const v = this.body.subarray(this.offset, this.offset + length);
    this.offset += length;
    return v;
  }

  get remaining(): number {
    return this.body.length - this.offset;
  }
}
