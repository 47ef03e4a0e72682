const encoder = new TextEncoder();

/** A response object as the JSON bytes the gateway sends unchanged. */
export function toJsonBytes(value: unknown): ArrayBuffer {
  const bytes = encoder.encode(JSON.stringify(value));
  // The encoder gives the bytes a buffer of their own; a copy is needed only if it ever shares one.
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
