import { defineConfig } from 'vite';

// The API serves the bundle at /dashboard/ (Api.csproj runs `npm run build`); relative asset URLs keep it working
// behind a path prefix as well. `npm run dev` serves the sources and forwards REST and the hub to a local ./run.sh.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      // @microsoft/signalr ships /*#__PURE__*/ comments where Rollup cannot use them; it drops them, nothing is lost.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('@microsoft/signalr')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:5000',
      '/hubs': { target: 'http://localhost:5000', ws: true },
    },
  },
});
