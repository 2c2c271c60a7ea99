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
    sourcemap: true,
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
