// Builds the embedded dashboard (src/dashboard/web) into dist/dashboard, which
// mountDashboard serves at /dashboard on the REST port.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./web'),
  base: '/dashboard/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('../../dist/dashboard'),
    emptyOutDir: true,
    // ECharts alone is ~1 MB before minification; one chunk is fine for a page loaded once per session.
    chunkSizeWarningLimit: 2000,
  },
});
