import type { SeedingBenchmarkResult } from './seeding-benchmark';

const number = (value: number) => Math.round(value).toLocaleString('en-US');
const mib = (bytes: number) => `${number(bytes / 2 ** 20)} MiB`;
const percent = (ratio: number) => `${ratio >= 1 ? '+' : '−'}${Math.abs((ratio - 1) * 100).toFixed(1)} %`;
// The memory target, 250 MB (not MiB).
const RSS_TARGET_BYTES = 250_000_000;

/** The benchmark as a Markdown table, with the machine it ran on. */
export function formatSeedingBenchmark(result: SeedingBenchmarkResult): string {
  const { seeding, generateSeries, plainCopy, machine } = result;
  const rowsPerTable = Object.entries(seeding.rows).map(([table, rows]) => `${table} ${number(rows)}`).join(', ');
  const fastestCopy = Math.max(...plainCopy.map((run) => run.rowsPerSecond));
  const copyRow = (run: (typeof plainCopy)[number], when: string) =>
    `| Baseline: plain COPY of pre-generated users rows, ${when} | ${number(run.rows)} | ${run.seconds.toFixed(1)} s | ${number(run.rowsPerSecond)} | ${mib(run.heldBytes)} held |`;
  return [
    `Seeding ${number(result.users)} users on ${result.date}: ${machine.cpus} cores, ${machine.memoryGiB} GiB, ` +
      `PostgreSQL ${machine.postgres} (wal_level ${machine.walLevel}), Node ${machine.node}.`,
    '',
    '| Run | Rows | Time | Rows/s | Peak RSS |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| Seed, alma.users phase (generate + COPY + keys) | ${number(seeding.rows.users ?? 0)} | ${((seeding.rows.users ?? 0) / seeding.usersRowsPerSecond).toFixed(1)} s | ${number(seeding.usersRowsPerSecond)} | |`,
    `| Seed, whole run (4 tables, indexes, foreign keys, ANALYZE, commit) | ${number(seeding.totalRows)} | ${seeding.seconds.toFixed(1)} s | ${number(seeding.rowsPerSecond)} | ${mib(seeding.peakRssBytes)} |`,
    `| Baseline: INSERT ... SELECT FROM generate_series (users) | ${number(generateSeries.rows)} | ${generateSeries.seconds.toFixed(1)} s | ${number(generateSeries.rowsPerSecond)} | (server only) |`,
    ...plainCopy.map((run, i) => copyRow(run, i === 0 ? 'before the seed' : 'after the seed')),
    '',
    `Against the faster plain COPY (${number(fastestCopy)} rows/s): the seed's users phase ${percent(seeding.usersRowsPerSecond / fastestCopy)}, ` +
      `its whole run ${percent(seeding.rowsPerSecond / fastestCopy)} (target: at least as fast). ` +
      `Peak RSS ${mib(seeding.peakRssBytes)} (target: under 250 MB, ${mib(RSS_TARGET_BYTES)}): ` +
      `${seeding.peakRssBytes < RSS_TARGET_BYTES ? 'met' : 'missed'}.`,
    '',
    `Rows: ${rowsPerTable}. Seeder run as a child process with ${seeding.settings.join(' ') || 'no special settings'}, as \`npm run seed\` runs it.`,
  ].join('\n');
}
