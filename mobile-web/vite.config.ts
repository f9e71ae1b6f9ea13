import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Served by the API at /m/; the API on :3000 answers /api and /socket.io in dev.
const apiTarget = process.env.LINGGONG_API ?? 'http://localhost:3000';

/** Lists every built file in precache.json, so the service worker can keep the whole app offline. */
function precacheList(): Plugin {
  return {
    name: 'linggong-precache-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => /\.(js|css|png|svg|woff2?)$/.test(name));
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files.sort()) });
    },
  };
}

export default defineConfig({
  base: '/m/',
  plugins: [svelte(), precacheList()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 250,
  },
  server: {
    port: 5174,
    proxy: {
      '/api': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
