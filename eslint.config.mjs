// ESLint (flat config): a small rule set the code passes, run by `npm run lint` in `npm test`.
// - max-len: no line over 120 characters (the printWidth of .prettierrc.json). Prettier wraps code but cannot
//   break a literal, so a longer line must hold a template literal, a regular expression or a quoted string of
//   50 characters or more (LONG_STRING).
// - no-unused-vars: an unused import, variable or parameter is an error (a leading `_` keeps one on purpose).
import tseslint from 'typescript-eslint';

const LONG_STRING = /'(?:\\.|[^'\\]){50,}'|"(?:\\.|[^"\\]){50,}"/.source;

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'corpus/**', 'rules/**', 'review/**', 'test/**/fixtures/**'],
  },
  {
    files: ['{src,test,scripts,bench}/**/*.{ts,js,mjs}', '*.{js,mjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-len': [
        'error',
        {
          code: 120,
          tabWidth: 8,
          ignoreUrls: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignorePattern: LONG_STRING,
        },
      ],
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
