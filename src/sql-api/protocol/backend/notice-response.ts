import { MessageWriter } from '../message-writer';

/** NoticeResponse ('N'): a warning that does not stop the command. */
export function noticeResponse(code: string, message: string): Buffer {
  return new MessageWriter()
    .byte(0x53).cstring('WARNING')
    .byte(0x56).cstring('WARNING')
    .byte(0x43).cstring(code)
    .byte(0x4d).cstring(message)
    .byte(0)
    .message('N');
}
