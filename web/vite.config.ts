import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

// The named queries of cypher/queries/ are bundled at build time (the Cypher page lists them; the API has
// no endpoint for them): `virtual:named-queries` = [{name, description, params, text}].
function namedQueries(): Plugin {
  const dir = fileURLToPath(new URL('../cypher/queries', import.meta.url));
  const id = 'virtual:named-queries';
  return {
    name: 'innokg-named-queries',
    resolveId: (s) => (s === id ? '\0' + id : null),
    load(s) {
      if (s !== '\0' + id) return null;
      const out = readdirSync(dir)
        .filter((f) => f.endsWith('.cypher') && f.split('.').length === 2)
        .sort()
        .map((f) => {
          const text = readFileSync(resolve(dir, f), 'utf8').trim();
          const header = (k: string) =>
            text.split('\n').filter((l) => l.startsWith(`// ${k}:`)).map((l) => l.slice(k.length + 4).trim()).join(' ');
          const params = header('params').split(',').map((p) => p.trim()).filter(Boolean);
          return { name: f.replace(/\.cypher$/, ''), description: header('description'), params, text };
        });
      return `export default ${JSON.stringify(out)};`;
    },
  };
}

export default defineConfig({
  base: '/ui/',
  plugins: [preact(), namedQueries()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
  },
});
