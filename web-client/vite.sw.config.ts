import { defineConfig } from 'vite';

// The service worker is built on its own, as one classic script at /sw.js:
// module service workers are not supported by every browser young people
// use, and a worker must not share chunks with the page.
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: 'src/sw/sw.ts',
      formats: ['iife'],
      name: 'lanternServiceWorker',
      fileName: () => 'sw.js',
    },
  },
});
