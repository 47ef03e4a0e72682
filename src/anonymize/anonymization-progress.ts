import type { ActivityType } from '../privacy/privacy-config';

/** Reports how far the anonymization of one activity type has gone, as lines at every tenth of the way. */
export interface AnonymizationProgress {
  update(done: number): void;
  finish(done: number): void;
}

export function createAnonymizationProgress(type: ActivityType, total: number, log: (line: string) => void): AnonymizationProgress {
  const startedAt = performance.now();
  let lastTenth = 0;
  const describe = (done: number) => {
    const seconds = (performance.now() - startedAt) / 1000;
    return `${type}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows anonymized` +
      (seconds > 0 && done > 0 ? `, ${Math.round(done / seconds).toLocaleString('en-US')} rows/s` : '');
  };
  return {
    update(done) {
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        log(`${describe(done)} (${tenth * 10}%)`);
      }
    },
    finish(done) {
      log(`${describe(done)} (done)`);
    },
  };
}
