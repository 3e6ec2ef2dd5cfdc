import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';

import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Writes `precache.json`: every file the app needs to start with no
 * network, and a version that changes whenever any of them does. The
 * service worker caches exactly these when it installs. */
function precacheManifest(): Plugin {
  return {
    name: 'lantern-precache-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const built = Object.values(bundle).map((file) => ({
        url: `/${file.fileName}`,
        content: file.type === 'chunk' ? file.code : file.source,
      }));
      const hash = createHash('sha256');
      for (const file of built.sort((a, b) => a.url.localeCompare(b.url))) {
        hash.update(file.url).update(file.content);
      }
      const files = ['/', ...built.map((file) => file.url), ...readdirSync('public').map((name) => `/${name}`)];
      this.emitFile({
        type: 'asset',
        fileName: 'precache.json',
        source: JSON.stringify({ version: hash.digest('hex').slice(0, 16), files }),
      });
    },
  };
}

/** Starts the core's wasm download with the page, not after the script
 * that asks for it has arrived and run: on a slow phone connection the two
 * downloads then overlap instead of queueing. */
function preloadCore(): Plugin {
  return {
    name: 'lantern-preload-core',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const wasm = Object.values(context.bundle ?? {}).filter((file) => file.fileName.endsWith('.wasm'));
        return wasm.map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `/${file.fileName}`, as: 'fetch', type: 'application/wasm', crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// JSX goes through esbuild straight to Preact: no framework plugin needed.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [precacheManifest(), preloadCore()],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/readyz': 'http://127.0.0.1:8080',
    },
  },
  test: { include: ['tests/**/*.test.ts'], environment: 'node' },
});
