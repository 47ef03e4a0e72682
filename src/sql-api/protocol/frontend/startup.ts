import { MessageReader } from '../message-reader';

/** The codes that share the untyped first message of a connection. */
export const PROTOCOL_VERSION_3 = 196608;
export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

export type UntypedMessage =
  | { kind: 'startup'; parameters: Record<string, string> }
  | { kind: 'ssl-request' }
  | { kind: 'gssenc-request' }
  | { kind: 'cancel-request'; processId: number; secretKey: number }
  | { kind: 'unsupported-protocol'; version: number };

/** Decodes a connection's first message: StartupMessage, SSLRequest, GSSENCRequest or CancelRequest. */
export function readUntypedMessage(body: Buffer): UntypedMessage {
  const reader = new MessageReader(body);
  const code = reader.int32();
  if (code === SSL_REQUEST_CODE) return { kind: 'ssl-request' };
  if (code === GSSENC_REQUEST_CODE) return { kind: 'gssenc-request' };
  if (code === CANCEL_REQUEST_CODE) {
    return { kind: 'cancel-request', processId: reader.int32(), secretKey: reader.int32() };
  }
  if (code !== PROTOCOL_VERSION_3) return { kind: 'unsupported-protocol', version: code };
  const parameters: Record<string, string> = {};
  while (reader.remaining > 1) {
    const name = reader.cstring();
    if (!name) break;
    parameters[name] = reader.cstring();
  }
  return { kind: 'startup', parameters };
}
