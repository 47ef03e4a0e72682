import { Readable } from 'node:stream';
import type { SeededTable } from './table-rows';
import type { SeededPopulation } from './seeded-population';
import { MALLOC_MMAP_THRESHOLD_BYTES } from './seeder-memory-settings';

// A chunk of COPY text is cut by size, not by users: its Buffer must be above the mmap threshold
// the seeder gives glibc, so that freeing it gives the memory back at once. Chunks of 256 users
// (fines and requests passes: ~20 kB) came from malloc's heap instead, which fragmented and lifted
// the peak RSS by 45 MiB. About 150 kB, as 256 users' rows, the fastest size measured: 512 users
// gave 65-99k users/s and 4,096 users 49k with 284 MiB, against 93-109k for 256.
const CHUNK_CHARACTERS = MALLOC_MMAP_THRESHOLD_BYTES + 20_000;

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
      // Characters, not bytes: a character is at least one byte, so the chunk is at least this big.
      while (text.length < CHUNK_CHARACTERS) {
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
