import { describe, expect, it } from 'vitest';
import { formatAnonymizationSummary } from '../../src/anonymize/anonymization-summary';
import { privacyConfig } from '../../src/privacy/privacy-config';

const UNIT = privacyConfig().anonymizationGranularity;

describe('the summary npm run anonymize prints', () => {
  it('counts the rows per type and says what happened to them, and where the audit row is', () => {
    const text = formatAnonymizationSummary({ runId: 7, asOf: '2026-11-24', dryRun: false, rows: { loans: 5715, fines_fees: 399, borrowing_requests: 451 } });
    expect(text.split('\n')).toEqual([
      'anonymized completed activity past retention as of 2026-11-24:',
      '  loans: 5,715 rows',
      '  fines_fees: 399 rows',
      '  borrowing_requests: 451 rows',
      `each lost its user link and identifying fields, took a new random id and had its dates cut to the ${UNIT}`,
      'audit row 7 in alma.anonymization_runs',
    ]);
  });

  it('says a dry run changed nothing', () => {
    const text = formatAnonymizationSummary({ asOf: '2026-11-24', dryRun: true, rows: { loans: 1, fines_fees: 0, borrowing_requests: 0 } });
    expect(text).toContain('would anonymize completed activity');
    expect(text).toContain(`each would lose its user link and identifying fields, take a new random id and have its dates cut to the ${UNIT}`);
    expect(text).toContain('dry run: nothing changed');
  });
});
