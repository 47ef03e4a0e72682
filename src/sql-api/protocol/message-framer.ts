/** A frontend message cut from the byte stream: its type byte (absent before startup) and body. */
export interface FrontendFrame {
  type: string | null;
  body: Buffer;
}

/** Larger messages are treated as garbage: no client sends a gigabyte query. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Cuts the socket's byte stream into messages. Until startup is done messages
 * have no type byte (StartupMessage, SSLRequest, CancelRequest); after it, every message has one.
 */
export class MessageFramer {
  private pending: Buffer = Buffer.alloc(0);
  startupDone = false;

  /** Adds bytes; returns every complete message. Throws on a length no client would send. */
  push(chunk: Buffer): FrontendFrame[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: FrontendFrame[] = [];
    for (;;) {
      const headerSize = this.startupDone ? 5 : 4;
      if (this.pending.length < headerSize) break;
      const length = this.pending.readInt32BE(headerSize - 4);
      if (length < 4 || length > MAX_MESSAGE_BYTES) throw new RangeError(`invalid message length ${length}`);
      const total = headerSize - 4 + length;
      if (this.pending.length < total) break;
      frames.push({
        type: this.startupDone ? String.fromCharCode(this.pending[0]!) : null,
        body: this.pending.subarray(headerSize, total),
      });
      this.pending = this.pending.subarray(total);
      // Only one untyped message is read at a time: what follows depends on the answer to it.
      if (!this.startupDone) break;
    }
    return frames;
  }
}
