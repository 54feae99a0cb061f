import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // `source` points @profreestr/contracts at its TypeScript sources: no build step needed.
    conditions: ['source', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The vendor chunk (React, Mantine, React Router, TanStack Query) is ~425 kB raw, ~130 kB gzip.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across releases.
        // The QR code library (and its one dependency) loads on demand, not with the vendor.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](?!(qrcode|dijkstrajs)[\\/])/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
