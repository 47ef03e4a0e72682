import { describe, expect, it } from 'vitest';
import { formatTimeValue } from '../../src/native/result-shaping/time-value';

describe('formatTimeValue', () => {
  it.each([
    ['ISO with Z (a JSON-serialised Date)', '2025-03-09T07:05:04.123Z', '2025-03-09T07:05:04.123'],
    ['ISO with offset keeps the wall clock', '2025-03-09T07:05:04+02:00', '2025-03-09T07:05:04.000'],
    ['space separated with milliseconds', '2025-03-09 07:05:04.123', '2025-03-09T07:05:04.123'],
    ['space separated, whole seconds', '2025-03-09 07:05:04', '2025-03-09T07:05:04.000'],
    ['T separated, whole seconds', '2025-03-09T07:05:04', '2025-03-09T07:05:04.000'],
    ['microseconds are truncated, not rounded', '2025-03-09 07:05:04.123999', '2025-03-09T07:05:04.123'],
    ['trailing zone name', '2025-03-09 07:05:04.123 UTC', '2025-03-09T07:05:04.123'],
    ['trailing offset', '2025-03-09 07:05:04.123 +00:00', '2025-03-09T07:05:04.123'],
    ['already in the output layout', '2025-03-09T07:05:04.120', '2025-03-09T07:05:04.120'],
  ])('%s', (_case, input, expected) => {
    expect(formatTimeValue(input, 'time')).toBe(expected);
  });

  it('leaves strings that are not date-times as they are', () => {
    expect(formatTimeValue('not a date', 'time')).toBe('not a date');
    expect(formatTimeValue('2025-02-30 00:00:00', 'time')).toBe('2025-02-30 00:00:00');
  });

  it('touches only members typed time', () => {
    expect(formatTimeValue('2025-03-09 07:05:04', 'string')).toBe('2025-03-09 07:05:04');
    expect(formatTimeValue('2025-03-09 07:05:04', undefined)).toBe('2025-03-09 07:05:04');
  });

  it('keeps non-string values of any type', () => {
    expect(formatTimeValue(42, 'number')).toBe(42);
    expect(formatTimeValue(null, 'time')).toBeNull();
    expect(formatTimeValue(true, 'boolean')).toBe(true);
  });
});
