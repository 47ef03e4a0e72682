import { Readable } from 'node:stream';
import type { SeededTable } from '../../seeds/table-rows';
import type { SeededPopulation } from './seeded-population';

// Users per pushed chunk (about 150 kB of text): enough to amortise the stream's overhead. Bigger
// chunks were measured slower (their text lives through more scavenges) and heavier: 512 users gave
// 65-85k users/s, 256 gave 93-109k, 128 no better than 256 and 4,096 gave 49k and 284 MiB.
const USERS_PER_CHUNK = 256;

/**
 * The COPY text of one table for the whole population, made as PostgreSQL
 * reads it: a chunk is generated only when the stream asks for more, so
 * memory stays at a few chunks whatever the number of users.
 */
export function seededRowsStream(
  population: SeededPopulation,
  table: SeededTable,
  onProgress: (usersDone: number, rows: number) => void,
): Readable {
  const users = population.cursor();
  let usersDone = 0;
  let rows = 0;
  return new Readable({
    highWaterMark: 1 << 20,
    read() {
      let text = '';
      for (let i = 0; i < USERS_PER_CHUNK; i++) {
        if (!users.next()) {
          if (text) this.push(text);
          onProgress(usersDone, rows);
          this.push(null);
          return;
        }
        text += table.linesOf(users.user, users.ids);
        rows += table.rowsOf(users.user);
        usersDone++;
      }
      onProgress(usersDone, rows);
      this.push(text);
    },
  });
}
