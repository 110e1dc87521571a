import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Under `./mvnw quarkus:dev` Quinoa starts this dev server and proxies to it, so /api never reaches
// Vite. The proxy below only matters when running `npm run dev` on its own next to a Quarkus on 8080.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist' },
  server: {
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
  test: {
    include: ['src/**/*.test.{js,jsx}'],
    environment: 'node',
  },
});
