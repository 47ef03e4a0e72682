import { MessageWriter } from '../message-writer';

/** ParameterStatus ('S'): tells the client a run-time setting (server_version, client_encoding...). */
export function parameterStatus(name: string, value: string): Buffer {
  return new MessageWriter().cstring(name).cstring(value).message('S');
}
