import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Served by the API at /board/; the API on :3000 answers /api and /socket.io in dev.
const apiTarget = process.env.LINGGONG_API ?? 'http://localhost:3000';

export default defineConfig({
  base: '/board/',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 250,
    // Leaflet's CSS points at marker and layer-control PNGs the board never uses
    // (circle markers only, no controls): emit them as files instead of inlining
    // them into the stylesheet.
    assetsInlineLimit: (file) => (file.includes('/leaflet/') ? false : undefined),
  },
  server: {
    port: 5175,
    proxy: {
      '/api': apiTarget,
      '/m': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
