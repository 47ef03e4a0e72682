import { describe, expect, it } from 'vitest';
import { sharedCubeServer } from '../support/cube-server';

describe('the front door', () => {
  it('says what this server is and links the dashboard, the token command and the docs, not Cube\'s production-mode text', async () => {
    const response = await fetch(`${sharedCubeServer().url}/`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toMatch(/running in production mode/);
    expect(page).toContain('Alma user analytics');
    expect(page).toContain('href="dashboard"');
    expect(page).toContain('npm run token -- --group');
    expect(page).toContain('docs/');
    expect(page).toContain('cubejs-api/v1');
  });
});
