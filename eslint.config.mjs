import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    // The engine and what builds on it without the SDK: the architecture test checks the rest of the pack.
    files: [
      "policypack/topology/**/*.ts",
      "policypack/reachability/**/*.ts",
      "policypack/filters/**/*.ts",
      "policypack/checks/**/*.ts",
      "policypack/intents/**/*.ts",
    ],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-imports": ["error", { patterns: ["@pulumi/*"] }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "separate-type-imports" }],
    },
  },
);
