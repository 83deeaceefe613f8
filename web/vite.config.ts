import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Page weight (docs/PERFORMANCE.md "Page weight (issue 9)", budgets checked by scripts/page-budget.mjs
 * on this build's manifest): the shell (src/App.tsx) loads either a light page or the admin app.
 *
 * Chunks: React, the router and react-query go into one `react` chunk every page needs and browsers
 * keep cached across releases that do not upgrade them. Everything else is split by rolldown along
 * the lazy imports: antd and the admin pages load only with the admin app (antd's big components —
 * table, date picker, tree — only with the pages that use them), zod and the schemas only with the
 * pages that validate, so the login and phone pages stay small. A chart library, when one comes, is
 * imported by its pages only and gets its own chunk (the `charts` group) so that no shared chunk
 * carries it.
 */
const vendor = (names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/]`);

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // Every `import … from 'zod'` (the shared schemas' too) gets zod with jitless mode already on.
      { find: /^zod$/, replacement: fileURLToPath(new URL('./src/zod-jitless.ts', import.meta.url)) },
    ],
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which files each page loads, for the page budget.
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: vendor([
                'react',
                'react-dom',
                'scheduler',
                'react-router',
                'react-router-dom',
                '@remix-run[\\\\/]router',
                '@tanstack[\\\\/]query-core',
                '@tanstack[\\\\/]react-query',
              ]),
              priority: 20,
            },
            { name: 'charts', test: vendor(['echarts', 'zrender', 'echarts-for-react']), priority: 10 },
          ],
        },
      },
    },
  },
});
