import type { CodegenConfig } from "@graphql-codegen/cli";

/** Typed operations from the API contract (../schema.graphql); output in src/gql (generated, not edited). */
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "./src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        scalars: { DateTime: "string", ID: "string" },
      },
    },
  },
};

export default config;
