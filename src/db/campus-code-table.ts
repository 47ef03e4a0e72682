import pg from 'pg';

/** A campus of the campus code table (alma.campuses). */
export interface Campus {
  readonly code: string;
  readonly name: string;
}

/** The campus code table, by code. */
export async function campusCodeTable(connectionString: string): Promise<Campus[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<Campus>('SELECT code, name FROM alma.campuses ORDER BY code');
    return rows;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000') {
      throw new Error('The database has no campus code table yet, so --campus cannot be checked: run npm start (or npm run migrate and npm run seed) first');
    }
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The codes of the table that `typed` names, matched without regard to case
 * ("main" is MAIN); throws an error listing the valid codes when one is not in
 * the table, so no token is minted for a campus with no rows.
 */
export function matchCampusCodes(typed: readonly string[], table: readonly Campus[]): string[] {
  const unknown: string[] = [];
  const codes = typed.map((code) => {
    const match = table.find((campus) => campus.code.toLowerCase() === code.toLowerCase());
    if (!match) unknown.push(code);
    return match?.code ?? code;
  });
  if (unknown.length > 0) {
    const valid = table.length > 0 ? table.map((campus) => `${campus.code} (${campus.name})`).join(', ') : 'none: the campus code table is empty (npm run seed)';
    throw new Error(`${unknown.map((code) => `"${code}"`).join(', ')} ${unknown.length === 1 ? 'is not a campus code' : 'are not campus codes'} of this database; the campus codes are: ${valid}`);
  }
  return [...new Set(codes)];
}
