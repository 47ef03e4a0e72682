/**
 * Type bytes of the frontend messages after startup. Sync ('S'), Flush ('H') and
 * Terminate ('X') have empty bodies, so they have no reader of their own.
 */
export const FRONTEND = {
  query: 'Q',
  parse: 'P',
  bind: 'B',
  describe: 'D',
  execute: 'E',
  close: 'C',
  sync: 'S',
  flush: 'H',
  terminate: 'X',
  password: 'p',
  copyFail: 'f',
} as const;
