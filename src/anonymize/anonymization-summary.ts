import { ACTIVITY_TYPES, privacyConfig } from '../privacy/privacy-config';
import type { AnonymizationSummary } from './anonymize-completed-activity';

/** The summary the anonymize command prints. */
export function formatAnonymizationSummary(summary: AnonymizationSummary): string {
  const verb = summary.dryRun ? 'would anonymize' : 'anonymized';
  const lines = ACTIVITY_TYPES.map((type) => `  ${type}: ${summary.rows[type].toLocaleString('en-US')} rows`);
  const how = `each ${summary.dryRun ? 'would lose' : 'lost'} its user link and identifying fields, ` +
    `${summary.dryRun ? 'take' : 'took'} a new random id and ${summary.dryRun ? 'have' : 'had'} its dates cut to the ` +
    `${privacyConfig().anonymizationGranularity}`;
  const audit = summary.runId === undefined ? 'dry run: nothing changed' : `audit row ${summary.runId} in alma.anonymization_runs`;
  return [`${verb} completed activity past retention as of ${summary.asOf}:`, ...lines, how, audit].join('\n');
}
