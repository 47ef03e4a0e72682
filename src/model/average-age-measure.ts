import { maskedMeasureOf, maskSqlOverSource } from './field-mask';

function ageInYears(birthDate: string): string {
  return `date_part('year', age(current_date, ${birthDate}))`;
}

/**
 * Average age in years from birth date, and its masked twin. Where birth date is
 * masked the average is taken over the masked birth dates, so it tells no more
 * than the mask does. The mask points at the twin, a measure: Cube's rollup
 * matching does not see into a masked measure, and without a measure reference
 * a rollup lacking the average would be taken to answer it.
 */
export function averageAgeMeasures() {
  const title = 'Average Age (Years)';
  return {
    average_age: {
      sql: (CUBE: unknown) => ageInYears(`${CUBE}.birth_date`),
      type: 'avg',
      title,
      description: 'Average age in years of the users with a birth date. Follows the treatment of Birth Date: computed over masked birth dates where they are masked.',
      format: 'number',
      mask: { sql: (CUBE: Record<string, unknown>) => String(CUBE[maskedMeasureOf('average_age')]) },
    },
    [maskedMeasureOf('average_age')]: {
      sql: (CUBE: Record<string, unknown>) => ageInYears(maskSqlOverSource('birth_date', CUBE)),
      type: 'avg',
      title: `${title} (over masked birth dates)`,
      description: 'The average age behind the mask of Average Age: over birth dates as the privacy config masks them.',
      format: 'number',
      public: false,
    },
  };
}
