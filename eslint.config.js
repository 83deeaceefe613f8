import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-bench/**', '**/node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The light shell (login, the judge's phone pages, the big screen; web/src/App.tsx): no antd, no
    // zod and no values from the schemas barrel on its first load (budgets: scripts/page-budget.mjs).
    files: [
      'web/src/main.tsx',
      'web/src/App.tsx',
      'web/src/api/**',
      'web/src/i18n/index.tsx',
      'web/src/components/light/**',
      'web/src/components/list-kit/query.ts',
      'web/src/components/time.ts',
      'web/src/components/Logo.tsx',
      'web/src/features/auth/LoginPage.tsx',
      'web/src/features/auth/hooks.ts',
      'web/src/features/contests/{JudgeHomePage,JudgeContestPage,BigScreenPage,phoneDisplay}.tsx',
      'web/src/features/contests/{hooks,format,judgeDrafts,judgeScores,phoneStrings}.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@touyan/schemas',
              allowTypeImports: true,
              message: 'Light pages take values from @touyan/schemas/plain (no zod); types may come from here.',
            },
            { name: 'zod', allowTypeImports: true, message: 'Light pages load zod lazily (import()).' },
            { name: 'antd', message: 'Light pages use components/light, not antd.' },
          ],
          patterns: [
            { group: ['antd/*', '@ant-design/*'], message: 'Light pages use components/light, not antd.' },
            {
              group: ['**/components/ErrorState', '**/components/LanguageSwitch', '**/components/forms'],
              message: 'Use the components/light versions.',
            },
          ],
        },
      ],
    },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
          message: 'sql.raw builds SQL from strings; use bound parameters or sql.ref/sql.table.',
        },
      ],
    },
  },
);
