import type { CubeApi } from '@cubejs-client/core';

/**
 * The campuses a viewer can narrow to: the token's `campus` claim when it has
 * one (a dashboard token), else the campuses in the users view.
 */
export async function campusChoices(api: CubeApi, claimed: readonly string[] | undefined): Promise<string[]> {
  if (claimed) return [...claimed];
  const resultSet = await api.load({ dimensions: ['users.campus_code'], order: { 'users.campus_code': 'asc' } });
  return resultSet
    .tablePivot()
    .map((row) => row['users.campus_code'])
    .filter((code): code is string => typeof code === 'string' && code !== '');
}
