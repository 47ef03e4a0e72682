import { MessageWriter } from '../message-writer';

export interface ErrorFields {
  severity?: 'ERROR' | 'FATAL';
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  /** 1-based character position in the statement. */
  position?: number;
}

function fields(w: MessageWriter, e: ErrorFields, severity: string): Buffer {
  w.byte(0x53).cstring(severity) // S
    .byte(0x56).cstring(severity) // V (non-localized)
    .byte(0x43).cstring(e.code) // C
    .byte(0x4d).cstring(e.message); // M
  if (e.detail) w.byte(0x44).cstring(e.detail);
  if (e.hint) w.byte(0x48).cstring(e.hint);
  if (e.position) w.byte(0x50).cstring(String(e.position));
  return w.byte(0).message('E');
}

/** ErrorResponse ('E') with severity, SQLSTATE, message and the optional fields. */
export function errorResponse(e: ErrorFields): Buffer {
  return fields(new MessageWriter(), e, e.severity ?? 'ERROR');
}
