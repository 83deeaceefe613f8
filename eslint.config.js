import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const SQL_RAW = {
  selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
  message: 'sql.raw builds SQL from strings; use bound parameters or sql.ref/sql.table.',
};

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
      'no-restricted-syntax': ['error', SQL_RAW],
    },
  },
  {
    // Module boundaries (ARCHITECTURE.md "Boundaries"): SQL only in repositories and db/; a module uses
    // another module through its service, never its repository; core/ and db/ never import a module.
    files: ['server/src/modules/**/*.ts'],
    ignores: [
      'server/src/modules/**/*.repository.ts',
      'server/src/modules/**/*.test.ts',
      // Infrastructure: the contest relay LISTENs on PostgreSQL (its own connection, no table).
      'server/src/modules/contests/contests.relay.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              allowTypeImports: true,
              message: 'SQL belongs in a *.repository.ts (or db/): services call repositories.',
            },
          ],
          patterns: [
            {
              group: ['../*/*.repository'],
              allowTypeImports: true,
              message: "Use the other module's service (inside the same transaction), not its repository.",
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        SQL_RAW,
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with)$/]',
          message: 'Queries belong in a *.repository.ts: services call repositories.',
        },
      ],
    },
  },
  {
    // A repository never imports another module's repository (shared SQL conditions live in db/).
    files: ['server/src/modules/**/*.repository.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/*.repository'],
              allowTypeImports: true,
              message: "A repository reads and writes its own module's tables; share a helper through db/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/core/**/*.ts', 'server/src/db/**/*.ts', 'server/src/jobs/**/*.ts'],
    ignores: ['server/src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '../services', '../store'],
              message: 'core/, db/ and jobs/ are below the modules: they never import one.',
            },
          ],
        },
      ],
    },
  },
  {
    // One policy per model (issue 10, item 1): who sees what (the read scopes) and who may do what
    // (`can`, abilities) live in the module's *.policy.ts; a service asks its policy and never builds a
    // scope or tests a role itself. (Rules other than the boundary blocks' own, so those still apply.)
    files: ['server/src/modules/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/scope'],
              importNames: ['subtreeScope', 'isEmptyScope', 'SUBTREE_ROLES'],
              message: "Scopes are built in the module's *.policy.ts: import the policy's scope instead.",
            },
            {
              group: ['**/core/actor'],
              importNames: ['orgsOfRoles', 'hostOrgsOfRoles'],
              message: "Which bindings count is the policy's rule: use the module's *.policy.ts.",
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          property: 'isAdmin',
          message: "What the administrator may do is the policy's rule: ask the module's *.policy.ts.",
        },
      ],
    },
  },
);
