import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Served by the API at /console/; the API on :3000 answers /api and /socket.io in dev.
const apiTarget = process.env.LINGGONG_API ?? 'http://localhost:3000';

export default defineConfig({
  base: '/console/',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // ECharts (charts-*.js, ~190 kB gzipped) is the one big chunk: only an officer's first chart loads it.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5176,
    proxy: {
      '/api': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
