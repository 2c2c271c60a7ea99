import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://127.0.0.1:8000";

export default defineConfig({
  base: "/",
  plugins: [react()],
  // Page and component styles are CSS modules (Name.module.css): class names are scoped to the
  // file; `styles.jobCard` or `styles["job-card"]` both work.
  css: { modules: { localsConvention: "camelCase" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No public source maps: VITE_SOURCEMAP=hidden writes them for error tools without linking them
    // (and the API never serves .map files).
    sourcemap: process.env.VITE_SOURCEMAP === "hidden" ? "hidden" : false,
    // dist/.vite/manifest.json: which chunks each entry and route loads (tests/test_assets.py
    // checks the sign-in page's JavaScript budget with it).
    manifest: true,
  },
  server: {
    proxy: {
      "/graphql": { target: api, ws: true, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      "/graphql": { target: api, ws: true, changeOrigin: true },
    },
  },
});
