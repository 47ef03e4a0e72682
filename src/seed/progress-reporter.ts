/** Reports how far a pass over the users has gone: a bar on a terminal, plain lines elsewhere. */
export interface ProgressReporter {
  update(done: number, rows: number): void;
  finish(done: number, rows: number): void;
}

const BAR_WIDTH = 30;

function rate(rows: number, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  return seconds > 0 ? `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s` : '';
}

/**
 * A reporter for one table. With `log` (or when stderr is not a terminal)
 * it writes a line at every tenth of the way; on a terminal it redraws a bar.
 */
export function createProgressReporter(label: string, total: number, log?: (line: string) => void): ProgressReporter {
  const startedAt = performance.now();
  const terminal = !log && process.stderr.isTTY === true;
  const write = log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let lastTenth = -1;
  let lastDrawn = 0;
  const describe = (done: number, rows: number) =>
    `${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} users, ` +
    `${rows.toLocaleString('en-US')} rows, ${rate(rows, startedAt)}`;
  return {
    update(done, rows) {
      const share = total > 0 ? done / total : 1;
      if (terminal) {
        const now = performance.now();
        if (now - lastDrawn < 100) return;
        lastDrawn = now;
        const filled = Math.round(share * BAR_WIDTH);
        process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${describe(done, rows)}\x1b[K`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        write(`${describe(done, rows)} (${tenth * 10}%)`);
      }
    },
    finish(done, rows) {
      if (terminal) process.stderr.write('\r\x1b[K');
      write(`${describe(done, rows)} (done)`);
    },
  };
}
