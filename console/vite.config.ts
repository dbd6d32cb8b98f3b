import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the app at /console/; the dev server proxies the API to a running FaceGate.
export default defineConfig({
  root: __dirname,
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', ws: true },
      '/SkyFaceRegister': 'http://127.0.0.1:3000',
      '/v1': 'http://127.0.0.1:3000',
      '/files': 'http://127.0.0.1:3000',
    },
  },
});
