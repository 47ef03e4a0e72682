import { Readable } from 'node:stream';
import type { SeededTable } from './table-rows';
import type { SeededPopulation } from './seeded-population';
import { MALLOC_MMAP_THRESHOLD_BYTES } from './seeder-memory-settings';

// A chunk of COPY text is cut by size, not by users: its Buffer must be above the mmap threshold
// the seeder gives glibc, so that freeing it gives the memory back at once. Chunks cut by a number
// of users are small for the thin tables (fines, requests) and came from malloc's heap instead,
// which fragmented and lifted the peak RSS. Just above the threshold was also the fastest size
// measured (docs/BENCHMARKS.md); bigger chunks only cost memory.
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
