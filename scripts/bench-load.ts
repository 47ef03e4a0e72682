// npx tsx scripts/bench-load.ts [--users N] [--connections N] [--seconds N]
// The load benchmark (docs/BENCHMARKS.md, "## Load"): a server of its own over
// 1,000,000 seeded users in .data/bench-load-<users>, 50 clients for 60 s per run.
import { parseArgs } from 'node:util';
import { formatLoadBenchmark, runLoadBenchmark } from '../src/bench/load-benchmark';
import { runCommand } from '../src/cli/run-command';

const USAGE = 'usage: npx tsx scripts/bench-load.ts [--users N] [--connections N] [--seconds N]';

runCommand(USAGE, async () => {
  const { values } = parseArgs({
    options: { users: { type: 'string' }, connections: { type: 'string' }, seconds: { type: 'string' } },
    strict: true,
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const result = await runLoadBenchmark({
    users: number(values.users), connections: number(values.connections), seconds: number(values.seconds),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${formatLoadBenchmark(result)}\n`);
});
