import { MessageWriter } from '../message-writer';

/** ParseComplete ('1'). */
export function parseComplete(): Buffer {
  return new MessageWriter().message('1');
}

/** BindComplete ('2'). */
export function bindComplete(): Buffer {
  return new MessageWriter().message('2');
}

/** CloseComplete ('3'). */
export function closeComplete(): Buffer {
  return new MessageWriter().message('3');
}

/** NoData ('n'): the statement returns no rows (SET, BEGIN...). */
export function noData(): Buffer {
  return new MessageWriter().message('n');
}

/** PortalSuspended ('s'): Execute's row limit was reached; more rows remain. */
export function portalSuspended(): Buffer {
  return new MessageWriter().message('s');
}

/** EmptyQueryResponse ('I'): the statement was empty. */
export function emptyQueryResponse(): Buffer {
  return new MessageWriter().message('I');
}
