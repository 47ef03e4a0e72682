/**
 * The questions of the load benchmark, as REST queries and as SQL. Each
 * request carries a value of its own (a campus code nobody has, in a
 * notEquals filter) so no two requests share Cube's result cache: every
 * request reaches the database, either a rollup or alma.users.
 */
export interface LoadScenario {
  readonly name: string;
  /** True when the by_group_status rollup (model/cubes/user_details.js) answers it. */
  readonly matchesRollup: boolean;
  rest(unique: number): Record<string, unknown>;
  sql(unique: number): string;
}

let lastFreshValue = 0;

/**
 * A filter value no earlier request of this process used. Every run (REST,
 * SQL API, the request path, the next scenario) draws from this one counter:
 * runs that each counted from 1 asked the server the same questions again,
 * and Cube's result cache answered the later run's first requests.
 */
export function freshValue(): number {
  lastFreshValue += 1;
  return lastFreshValue;
}

const notThisCampus = (unique: number) => [{ member: 'users.campus_code', operator: 'notEquals', values: [`bench-${unique}`] }];

export const LOAD_SCENARIOS: readonly LoadScenario[] = [
  {
    name: 'users by group and status (rollup)',
    matchesRollup: true,
    rest: (unique) => ({ measures: ['users.count'], dimensions: ['users.user_group', 'users.status'], filters: notThisCampus(unique) }),
    sql: (unique) => `SELECT user_group, status, COUNT(*) FROM users WHERE campus_code <> 'bench-${unique}' GROUP BY 1, 2`,
  },
  {
    // Same shape, but a measure the rollup does not hold: Cube reads alma.users.
    name: 'staff users by group and status (no rollup)',
    matchesRollup: false,
    rest: (unique) => ({ measures: ['users.number_of_users_staff'], dimensions: ['users.user_group', 'users.status'], filters: notThisCampus(unique) }),
    sql: (unique) => `SELECT user_group, status, MEASURE(number_of_users_staff) FROM users WHERE campus_code <> 'bench-${unique}' GROUP BY 1, 2`,
  },
];
