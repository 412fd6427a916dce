// Flat config: one rule set for the extension, its build scripts and its tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["build/**", "node_modules/**", "**/fixtures/**"],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "all" }],
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    // Code that runs in the browser: pages, content scripts, background (worker or scripts).
    files: ["extension/**/*.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.serviceworker, ...globals.webextensions },
    },
  },
  {
    // Node: build scripts, benchmarks, tests (tests import extension modules but run in node).
    files: ["scripts/**", "bench/**/*.mjs", "tests/**/*.mjs", "tests/**/*.js", "eslint.config.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
];
