import { describe, expect, it } from 'vitest';
import { dataRow } from '../../src/sql-api/protocol/backend/data-row';
import { rowDescription } from '../../src/sql-api/protocol/backend/row-description';
import { MessageWriter } from '../../src/sql-api/protocol/message-writer';

/** The framing written out by hand: type byte, Int32 length counting itself, body. */
function framed(type: string, ...body: Buffer[]): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  const bodyBytes = Buffer.concat(body);
  head.writeInt32BE(bodyBytes.length + 4, 1);
  return Buffer.concat([head, bodyBytes]);
}

const int16 = (v: number) => { const b = Buffer.alloc(2); b.writeInt16BE(v); return b; };
const int32 = (v: number) => { const b = Buffer.alloc(4); b.writeInt32BE(v); return b; };

describe('MessageWriter', () => {
  it('frames bytes, integers, C strings and raw bytes in order', () => {
    const message = new MessageWriter().byte(73).int16(-2).int32(-1).cstring('é \u{1F600} \ud800').bytes(Buffer.from([0, 255])).message('X');
    expect(message).toEqual(framed('X', Buffer.from([73]), int16(-2), int32(-1), Buffer.from('é \u{1F600} \ud800\0', 'utf8'), Buffer.from([0, 255])));
  });

  it('grows past its first buffer without losing a byte', () => {
    const big = Buffer.alloc(70_000, 7);
    const name = 'n'.repeat(300);
    expect(new MessageWriter().cstring(name).bytes(big).int32(5).message('D')).toEqual(framed('D', Buffer.from(`${name}\0`), big, int32(5)));
  });

  it('writes an empty body as a bare header', () => {
    expect(new MessageWriter().message('1')).toEqual(framed('1'));
  });

  it('builds DataRow and RowDescription as the protocol lays them out', () => {
    expect(dataRow([Buffer.from('12'), null, Buffer.alloc(0)])).toEqual(
      framed('D', int16(3), int32(2), Buffer.from('12'), int32(-1), int32(0)),
    );
    const columns = [{ name: 'user_group', typeOid: 25, typeSize: -1 }, { name: 'count', typeOid: 20, typeSize: 8, tableOid: 9, columnNumber: 2, typeModifier: 4 }];
    expect(rowDescription(columns, [0, 1])).toEqual(framed('T', int16(2),
      Buffer.from('user_group\0'), int32(0), int16(0), int32(25), int16(-1), int32(-1), int16(0),
      Buffer.from('count\0'), int32(9), int16(2), int32(20), int16(8), int32(4), int16(1)));
  });
});
