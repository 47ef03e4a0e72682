import { openDatabaseServer } from './database-server';
import { describeOwner } from './data-folder-owner';

/**
 * Runs `task` on the project's database: DATABASE_URL; or the embedded server
 * a running `npm start` serves from, left running; or the embedded server
 * started for the task and stopped after it, whatever the outcome.
 */
export async function withDatabase<T>(task: (connectionString: string) => Promise<T>): Promise<T> {
  const server = await openDatabaseServer();
  if (server.runBy) process.stderr.write(`database: the embedded PostgreSQL of ${describeOwner(server.runBy)}, left running\n`);
  try {
    return await task(server.connectionString);
  } finally {
    await server.stop();
  }
}
