import type { SeedingBenchmarkResult } from './seeding-benchmark';

const number = (value: number) => Math.round(value).toLocaleString('en-US');
const mib = (bytes: number) => `${number(bytes / 2 ** 20)} MiB`;

/** The benchmark as a Markdown table, with the machine it ran on. */
export function formatSeedingBenchmark(result: SeedingBenchmarkResult): string {
  const { seeding, generateSeries, plainCopy, machine } = result;
  const rowsPerTable = Object.entries(seeding.rows).map(([table, rows]) => `${table} ${number(rows)}`).join(', ');
  return [
    `Seeding ${number(result.users)} users on ${result.date}: ${machine.cpus} cores, ${machine.memoryGiB} GiB, ` +
      `PostgreSQL ${machine.postgres}, Node ${machine.node}.`,
    '',
    '| Run | Rows | Time | Rows/s | Peak RSS |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| Seed, alma.users phase (generate + COPY) | ${number(seeding.rows.users ?? 0)} | ${((seeding.rows.users ?? 0) / seeding.usersRowsPerSecond).toFixed(1)} s | ${number(seeding.usersRowsPerSecond)} | |`,
    `| Seed, whole run (4 tables, indexes, foreign keys, ANALYZE, commit) | ${number(seeding.totalRows)} | ${seeding.seconds.toFixed(1)} s | ${number(seeding.rowsPerSecond)} | ${mib(seeding.peakRssBytes)} |`,
    `| Baseline: INSERT ... SELECT FROM generate_series (users) | ${number(generateSeries.rows)} | ${generateSeries.seconds.toFixed(1)} s | ${number(generateSeries.rowsPerSecond)} | (server only) |`,
    `| Baseline: plain COPY of pre-generated users rows | ${number(plainCopy.rows)} | ${plainCopy.seconds.toFixed(1)} s | ${number(plainCopy.rowsPerSecond)} | ${mib(plainCopy.heldBytes)} held |`,
    '',
    `Rows: ${rowsPerTable}. Seeder run as a child process with ${seeding.settings.join(' ') || 'no special settings'}, as \`npm run seed\` runs it.`,
  ].join('\n');
}
