import type pg from 'pg';

/**
 * The DataRow values of whatever the client receives while `run` runs, as raw bytes.
 * node-postgres decodes every value as UTF-8 text, which mangles binary results, so
 * a binary test reads the socket itself.
 */
export async function rawDataRows(client: pg.Client, run: () => Promise<unknown>): Promise<(Buffer | null)[][]> {
  const stream = (client as unknown as { connection: { stream: NodeJS.EventEmitter } }).connection.stream;
  const chunks: Buffer[] = [];
  const listener = (chunk: Buffer) => chunks.push(Buffer.from(chunk));
  stream.on('data', listener);
  try {
    await run();
  } finally {
    stream.off('data', listener);
  }
  const bytes = Buffer.concat(chunks);
  const rows: (Buffer | null)[][] = [];
  for (let at = 0; at + 5 <= bytes.length; ) {
    const type = String.fromCharCode(bytes[at]!);
    const length = bytes.readInt32BE(at + 1);
    if (type === 'D') {
      const row: (Buffer | null)[] = [];
      let p = at + 7;
      for (let i = bytes.readInt16BE(at + 5); i > 0; i--) {
        const size = bytes.readInt32BE(p);
        p += 4;
        row.push(size < 0 ? null : bytes.subarray(p, p + size));
        p += Math.max(size, 0);
      }
      rows.push(row);
    }
    at += 1 + length;
  }
  return rows;
}
