import { Readable } from 'node:stream';
import type { SeededTable } from '../../seeds/table-rows';
import type { SeededPopulation } from './seeded-population';

// Users per pushed chunk: big enough to amortise stream overhead, small enough to keep memory flat.
const USERS_PER_CHUNK = 512;

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
