import type { ActivityRelinks } from './anonymized-activity-relinks';
import type { GeneralisationStep } from './greedy-generalisation';
import type { GroupReport, PrivacyReport } from './privacy-report';

const number = (value: number) => value.toLocaleString('en-US');
const share = (value: number, of: number) => (of > 0 ? `${((value / of) * 100).toFixed(1)} %` : '-');
const FIELDS_ALONE_SHOWN = 8;

/** Columns padded to their widest cell; text columns (by index) left-aligned, numbers right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[], indent: string, textColumns: readonly number[] = [0]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    indent + cells.map((cell, column) => (textColumns.includes(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Consecutive steps on one field, in one direction, read as one change. */
function mergeSteps(steps: readonly GeneralisationStep[]): GeneralisationStep[] {
  const merged: GeneralisationStep[] = [];
  for (const step of steps) {
    const last = merged[merged.length - 1];
    if (last && last.member === step.member && last.putBack === step.putBack) merged[merged.length - 1] = { ...step, from: last.from };
    else merged.push(step);
  }
  return merged;
}

function describeStep(step: GeneralisationStep): string {
  if (step.to === 'dropped') return `drop ${step.member}`;
  if (step.from === 'dropped') return `keep ${step.member} again${levelText(step.to)}`;
  return `${step.putBack ? 'refine' : 'coarsen'} ${step.member}: by ${step.from} -> by ${step.to}`;
}

const levelText = (level: string) => (level === 'value' ? '' : level === 'masked' ? ' (masked)' : ` (by ${level})`);

function groupSection(group: GroupReport, users: number): string[] {
  const k = group.minCellSize;
  const { asSeen, steps, reachesK, kept, dropped } = group.generalisation;
  const underK = `under ${k}`;
  const lines = [
    `Group ${group.group}: every cell must hold at least ${k} people; times no finer than ${group.finestTimeGranularity}`,
    `  Fields it may group users by (${group.fields.length}): ${group.fields.map((field) => field.member + levelText(field.level)).join(', ')}`,
    `  All of them together: ${number(asSeen.unique)} users unique (${share(asSeen.unique, users)}), ` +
      `${number(asSeen.underK)} in cells under ${k} (${share(asSeen.underK, users)})`,
    '  The fields that single out most users on their own:',
    ...table(['field', 'unique', underK],
      group.fieldsAlone.slice(0, FIELDS_ALONE_SHOWN).map((field) => [field.member, number(field.unique), number(field.underK)]), '    '),
    `  Generalisations that bring every cell to ${k} people (Datafly: the field with most values coarsened first, then what k does not need put back):`,
    ...table(['step', 'change', 'unique', underK], mergeSteps(steps).map((step, index) => [
      String(index + 1), describeStep(step), number(step.after.unique), number(step.after.underK),
    ]), '    ', [1]),
    reachesK
      ? `  Result: every cell holds ${k} or more users when grouped by ${kept.map((field) => field.member + levelText(field.level)).join(', ') || 'nothing'}` +
        ` (${dropped.length} fields dropped).`
      : `  Result: ${k} is not reached even with ${dropped.length} fields dropped; what is left (${kept.map((field) => field.member).join(', ')}) ` +
        'has cells under k on its own.',
    `  Activity snapshot (${group.snapshot.fields.length} fields every loan, fine and request keeps): ` +
      `${number(group.snapshot.cells.unique)} users unique, ${number(group.snapshot.cells.underK)} in cells under ${k}.`,
    `  The minimum cell size protects these people at query time: a cell of fewer than ${k} is suppressed.`,
  ];
  return lines;
}

function activitySection(tables: readonly ActivityRelinks[], usersWithUniqueSnapshot: number): string[] {
  return [
    'Anonymized activity: can a row be tied back to its user from the data alone?',
    ...table(['table', 'anonymized', 'unique snapshot', 'moment = last activity', 'between one user\'s ids', 'id next to same snapshot'],
      tables.map((row) => [
        row.type, number(row.anonymized), number(row.uniqueSnapshot), number(row.momentEqualsLastActivity),
        number(row.betweenOneUsersRows), number(row.nextToTheSameSnapshot),
      ]), '  '),
    `  ${number(usersWithUniqueSnapshot)} users have a snapshot no other user shares. Their anonymized rows are told apart only`,
    '  in cells that the minimum cell size suppresses. The last three columns should be 0: the anonymization job',
    '  coarsens moments and gives each anonymized row a new random id.',
  ];
}

/** The report as a data-protection officer reads it: counts only, never a value from the data. */
export function formatPrivacyReport(report: PrivacyReport): string {
  return [
    'Privacy report: k-anonymity of the data behind the model',
    `${number(report.users)} users; generated ${report.generatedAt}. Counts only: no value from the data is shown.`,
    '',
    ...report.groups.flatMap((group) => [...groupSection(group, report.users), '']),
    report.groupsWithoutMinimum.length > 0
      ? `Groups without a minimum cell size (cleared to see people; nothing checked): ${report.groupsWithoutMinimum.join(', ')}`
      : 'Every group has a minimum cell size.',
    '',
    ...activitySection(report.anonymizedActivity.tables, report.anonymizedActivity.usersWithUniqueSnapshot),
  ].join('\n');
}
