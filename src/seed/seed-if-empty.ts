import { seedDatabase } from './seed-database';

/**
 * Seeds `options.users` users (default seed, as of today) when alma.users is
 * empty; returns true when it seeded, false when there was data already.
 * For `npm start`: a fresh checkout gets data, an existing one keeps its own.
 */
export async function seedIfEmpty(
  connectionString: string,
  options: { users: number; log?: (line: string) => void },
): Promise<boolean> {
  const result = await seedDatabase(connectionString, { users: options.users, whenNotEmpty: 'skip', log: options.log });
  return result.seeded;
}
