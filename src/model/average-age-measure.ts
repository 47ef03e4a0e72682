import { maskSqlOf } from './field-mask';

function ageInYears(birthDate: string): string {
  return `date_part('year', age(current_date, ${birthDate}))`;
}

/**
 * Average age in years from birth date. Where birth date is masked the average is
 * taken over the masked birth dates, so it tells no more than the mask does.
 */
export function averageAgeMeasure() {
  return {
    sql: (CUBE: unknown) => ageInYears(`${CUBE}.birth_date`),
    type: 'avg',
    title: 'Average Age (Years)',
    description: 'Average age in years of the users with a birth date. Follows the treatment of Birth Date: computed over masked birth dates where they are masked.',
    format: 'number',
    mask: { sql: (CUBE: unknown) => `avg(${ageInYears(maskSqlOf('birth_date', `${CUBE}.birth_date`) ?? 'NULL::date')})` },
  };
}
