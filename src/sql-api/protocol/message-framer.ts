/** A frontend message cut from the byte stream: its type byte (absent before startup) and body. */
export interface FrontendFrame {
  type: string | null;
  body: Buffer;
}

/** The largest message a client may send (a query, a Bind with its values). */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** A message longer than the limit, or with a length no client would send. */
export class MessageLengthError extends RangeError {}

/**
 * Cuts the socket's byte stream into messages. Until startup is done messages
 * have no type byte (StartupMessage, SSLRequest, CancelRequest); after it, every message has one.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private size = 0;
  startupDone = false;

  /** Adds bytes; returns every complete message. Throws MessageLengthError on a bad length. */
  push(chunk: Buffer): FrontendFrame[] {
    if (chunk.length) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    const frames: FrontendFrame[] = [];
    for (;;) {
      const headerSize = this.startupDone ? 5 : 4;
      if (this.size < headerSize) break;
      const header = this.peek(headerSize);
      const length = header.readInt32BE(headerSize - 4);
      if (length < 4) throw new MessageLengthError(`invalid message length ${length}`);
      if (length > MAX_MESSAGE_BYTES) {
        throw new MessageLengthError(`message of ${length} bytes exceeds the SQL API's limit of ${MAX_MESSAGE_BYTES} bytes (16 MiB)`);
      }
      const total = headerSize - 4 + length;
      // Large messages arrive in many chunks; they are joined once, when complete.
      if (this.size < total) break;
      const message = this.take(total);
      frames.push({ type: this.startupDone ? String.fromCharCode(message[0]!) : null, body: message.subarray(headerSize) });
      // Only one untyped message is read at a time: what follows depends on the answer to it.
      if (!this.startupDone) break;
    }
    return frames;
  }

  private peek(count: number): Buffer {
    if (this.chunks[0]!.length < count) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, count);
  }

  private take(count: number): Buffer {
    if (this.chunks[0]!.length < count) this.chunks = [Buffer.concat(this.chunks)];
    const first = this.chunks[0]!;
    const taken = first.subarray(0, count);
    if (first.length === count) this.chunks.shift();
    else this.chunks[0] = first.subarray(count);
    this.size -= count;
    return taken;
  }
}
