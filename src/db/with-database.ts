import { openDatabaseServer } from './database-server';

/**
 * Runs `task` on the project's database (DATABASE_URL, or the embedded server,
 * started for the task and stopped after it, whatever the outcome).
 */
export async function withDatabase<T>(task: (connectionString: string) => Promise<T>): Promise<T> {
  const server = await openDatabaseServer();
  try {
    return await task(server.connectionString);
  } finally {
    await server.stop();
  }
}
