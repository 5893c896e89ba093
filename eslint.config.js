import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import promise from 'eslint-plugin-promise';

/*
 * Module boundaries (DESIGN.md §4), also checked by tests/unit/architecture.test.ts: each SDK past
 * Microsoft's end of support sits behind one module of ours, and the domain imports no transport or
 * cloud SDK. no-restricted-imports does not see import(), so no-restricted-syntax covers that.
 */
const botFrameworkSdk = {
  regex: '^(botbuilder(-[\\w-]+)?|botframework-[\\w-]+)(/.*)?$',
  dynamic: '/^(botbuilder|botframework-)/',
  message: 'Only bot/teams/bot-framework.ts may import the Bot Framework SDK; use that module.',
};
const teamsFx = {
  regex: '^@microsoft/teamsfx(/.*)?$',
  dynamic: '/^@microsoft.teamsfx/',
  message:
    'Only bot/roster/graph-roster.ts, bot/booking/graph-calendar.ts (or an SSO/identity module) may import @microsoft/teamsfx.',
};
const domainMessage =
  'The domain (bot/mus, bot/rollout) is pure TypeScript: no botbuilder, restify, @azure/* or @microsoft/*.';
const transportAndCloudSdks = [
  botFrameworkSdk,
  { regex: '^restify(-[\\w-]+)?(/.*)?$', dynamic: '/^restify/', message: domainMessage },
  { regex: '^@azure/', dynamic: '/^@azure/', message: domainMessage },
  { regex: '^@microsoft/', dynamic: '/^@microsoft/', message: domainMessage },
];

/** Rule settings forbidding these modules, statically and by import(). */
function forbid(modules) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: modules.map(({ regex, message }) => ({ regex, message })) },
    ],
    'no-restricted-syntax': [
      'error',
      ...modules.map(({ dynamic, message }) => ({
        selector: `ImportExpression[source.value=${dynamic}]`,
        message,
      })),
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'appPackage/build/', 'tab/dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  promise.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // Later blocks replace earlier settings of the same rule for the files they match.
  {
    files: ['bot/**', 'scripts/**', 'tab/**', 'texts/**'],
    rules: forbid([botFrameworkSdk, teamsFx]),
  },
  { files: ['bot/teams/bot-framework.ts'], rules: forbid([teamsFx]) },
  {
    files: [
      'bot/roster/graph-roster.ts',
      'bot/booking/graph-calendar.ts',
      'bot/api/sso-*.ts',
      'bot/identity*.ts',
      'bot/api/identity*.ts',
    ],
    rules: forbid([botFrameworkSdk]),
  },
  { files: ['bot/mus/**', 'bot/rollout/**', 'texts/**'], rules: forbid(transportAndCloudSdks) },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
