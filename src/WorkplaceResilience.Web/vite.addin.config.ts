import { defineConfig } from 'vite';

// The Outlook add-in's function page (addin/commands.html → wwwroot/addin/commands.html), built after the tab and
// into the same folder. A build of its own: sharing one build with the tab would move Vite's module-preload polyfill
// into a chunk both load and so change the tab's bundle. No React here, no public files (the tab's build copied them).
export default defineConfig({
  base: '/',
  publicDir: false,
  build: {
    outDir: '../WorkplaceResilience.Api/wwwroot',
    emptyOutDir: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
    rollupOptions: { input: { addin: 'addin/commands.html' } }, // relative to this folder, where npm runs the build
  },
});
