import moment from 'moment-timezone';

/**
 * moment prints a deprecation warning, with the raw input it could not parse
 * (a date range a caller sent), straight to the console when Cube hands it a
 * date in a form it does not know. Query values must never reach a log, and
 * Cube refuses such dates itself, so the warning is silenced.
 */
export function installQuietMomentDeprecations(): void {
  moment.suppressDeprecationWarnings = true;
  moment.deprecationHandler = () => undefined;
}
