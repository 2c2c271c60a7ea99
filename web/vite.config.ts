import react from "@vitejs/plugin-react";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const api = "http://127.0.0.1:8000";

const GENERATED = fileURLToPath(new URL("./src/gql/graphql.ts", import.meta.url));
const DOCUMENT_CLASS = fileURLToPath(new URL("./src/lib/documentString.ts", import.meta.url));
const GRAPHQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const GRAPHQL_IMPORT = /import\s*\{\s*graphql\s*\}\s*from\s*["'][./]+gql["'];?/;
const GENERATED_DOCUMENT = /export const (\w+) = new TypedDocumentString\(`([^`]*)`(?:, (\{[^)]*\}))?\)/g;

/**
 * What the codegen client preset's babel plugin does, for Vite: each `graphql(`…`)` call becomes the
 * generated document itself (its full text, fragments included), so no module imports the generated
 * map of every document (src/gql/gql.ts) and each chunk carries only the documents it uses. Types
 * are untouched: TypeScript still reads the `graphql()` overloads.
 */
function inlineDocuments(): Plugin {
  let generated: Map<string, string> | null = null;
  const documents = () => {
    if (!generated) {
      generated = new Map();
      for (const [, name, text, meta] of readFileSync(GENERATED, "utf8").matchAll(GENERATED_DOCUMENT)) {
        generated.set(name, `new __TypedDocumentString(${JSON.stringify(text)}${meta ? `, ${meta}` : ""})`);
      }
    }
    return generated;
  };
  return {
    name: "inline-graphql-documents",
    enforce: "pre",
    buildStart() {
      generated = null; // codegen runs before each build
    },
    transform(code, id) {
      if (!/\/src\/.*\.tsx?$/.test(id) || id.includes("/src/gql/") || !GRAPHQL_IMPORT.test(code)) return null;
      const inlined = code.replace(GRAPHQL_CALL, (_, source: string) => {
        const [, kind, name] = /^\s*(query|mutation|subscription|fragment)\s+(\w+)/.exec(source) ?? [];
        const document = documents().get(kind === "fragment" ? `${name}FragmentDoc` : `${name}Document`);
        if (!document) throw new Error(`${id}: no generated document for ${kind} ${name} (run npm run codegen)`);
        return document;
      });
      return { code: `import { TypedDocumentString as __TypedDocumentString } from ${JSON.stringify(DOCUMENT_CLASS)};\n${inlined.replace(GRAPHQL_IMPORT, "")}`, map: null };
    },
  };
}

/**
 * The static imports of every module, recorded as the build parses them, and what each start-up
 * script needs with them (its closure), for `chunkGroups`.
 */
function moduleGraph() {
  const imports = new Map<string, readonly string[]>();
  const closures = new Map<string, Set<string>>();
  const closure = (suffix: string): Set<string> => {
    let found = closures.get(suffix);
    if (!found) {
      found = new Set();
      const todo = [...imports.keys()].filter((id) => id.endsWith(suffix));
      for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
        if (found.has(id)) continue;
        found.add(id);
        todo.push(...(imports.get(id) ?? []));
      }
      closures.set(suffix, found);
    }
    return found;
  };
  const plugin: Plugin = {
    name: "module-graph",
    buildStart() {
      imports.clear();
      closures.clear();
    },
    moduleParsed(info) {
      imports.set(info.id, info.importedIds);
    },
  };
  return { plugin, closure };
}

const graph = moduleGraph();

/**
 * Fewer, larger chunks on a signed-in load: everything the signed-in app needs besides the entry
 * (router, query cache, shell, documents) is one chunk, and what it shares with the sign-in page one
 * more, instead of a dozen small shared chunks each fetched (and preloaded) on its own. Pages stay
 * their own chunks. The entry's own modules and the sign-in page's are left where they are.
 */
const chunkGroups = [
  {
    name: "shared",
    test: (id: string) => graph.closure("/src/signedIn.tsx").has(id) && graph.closure("/src/signedOut.tsx").has(id) && !graph.closure("/src/main.tsx").has(id),
  },
  {
    name: "app",
    test: (id: string) => graph.closure("/src/signedIn.tsx").has(id) && !graph.closure("/src/signedOut.tsx").has(id) && !graph.closure("/src/main.tsx").has(id),
  },
];

export default defineConfig({
  base: "/",
  // React Router's package exports only its development build (dev warnings on); the production
  // build next to it is the same code without them.
  resolve: {
    alias: [{ find: /^react-router$/, replacement: fileURLToPath(new URL("./node_modules/react-router/dist/production/index.mjs", import.meta.url)) }],
  },
  plugins: [inlineDocuments(), graph.plugin, react()],
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
    // Preload links only where they pay: the sign-in page's few chunks (fetched in parallel, not one
    // after the other) and every chunk's CSS (which the preload helper loads). A signed-in load
    // fetches a chunk's imports natively: a link per dependency made long tasks, and a page's few
    // small imports arrive while the app chunk is still loading.
    modulePreload: {
      resolveDependencies: (filename, deps) => (/\/signedOut-[^/]*\.js$/.test(filename) ? deps : deps.filter((dep) => dep.endsWith(".css"))),
    },
    rolldownOptions: { output: { codeSplitting: { groups: chunkGroups, includeDependenciesRecursively: false } } },
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
