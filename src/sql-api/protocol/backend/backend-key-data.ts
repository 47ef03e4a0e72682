import { MessageWriter } from '../message-writer';

/** BackendKeyData ('K'): the pair a client quotes in a CancelRequest. */
export function backendKeyData(processId: number, secretKey: number): Buffer {
  return new MessageWriter().int32(processId).int32(secretKey).message('K');
}
