// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'coverage/**', 'bench/out/**', '.venv/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core decides; it never does I/O, reads the clock or the environment (STYLE.md).
    files: ['lambdas/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'ky', message: 'lambdas/core is pure: HTTP belongs in lambdas/adapters/isc.' },
            { name: 'process', message: 'lambdas/core is pure: no process/env access.' },
            { name: 'node:process', message: 'lambdas/core is pure: no process/env access.' },
          ],
          patterns: [{ group: ['@aws-sdk/*'], message: 'lambdas/core is pure: AWS calls belong in lambdas/adapters.' }],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'lambdas/core is pure: pass values in.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'lambdas/core is pure: time comes in as `now`.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'lambdas/core is pure: time comes in as `now`.' },
      ],
    },
  },
  {
    files: ['.dependency-cruiser.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
