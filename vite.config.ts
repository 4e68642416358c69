import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: index.html at the repository root, sources in src/web, built into dist/web (served by the
// API server in production). In development Vite serves the app on 5173 and forwards /api to the server.
export default defineConfig({
  root: '.',
  plugins: [react()],
  build: { outDir: 'dist/web', emptyOutDir: true },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
