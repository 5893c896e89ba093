import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config.js';

/** loadConfig's ConfigError, so a test can look at each problem it lists. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.match(
      error.message,
      /^Konfigurationen er ikke gyldig \/ The configuration is not valid:/,
    );
    for (const problem of error.problems) assert.ok(error.message.includes(`- ${problem}`));
    return error.problems;
  }
  assert.fail('loadConfig accepted the environment');
}

const BOT = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' };
const REAL_STORAGE = { STORAGE_ACCOUNT_URL: 'https://musdata.table.core.windows.net' };

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    const config = loadConfig({});

    it('runs in dev mode on 127.0.0.1:3978 with embedded Azurite under .data', () => {
      assert.equal(config.production, false);
      assert.equal(config.devMode, true);
      assert.equal(config.bot, undefined);
      assert.equal(config.host, '127.0.0.1');
      assert.equal(config.port, 3978);
      assert.equal(config.dataDir, resolve('.data'));
      assert.deepEqual(config.storage, { kind: 'embedded', dataDir: resolve('.data') });
    });

    it('logs at info, has no SSO app and allows no extra tenants', () => {
      assert.equal(config.logLevel, 'info');
      assert.equal(config.ssoClientId, undefined);
      assert.deepEqual(config.allowedTenants, []);
    });
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ PORT: '  ', MicrosoftAppId: '', DATA_DIR: ' ', LOG_LEVEL: '' });
    assert.equal(config.port, 3978);
    assert.equal(config.devMode, true);
    assert.equal(config.dataDir, resolve('.data'));
    assert.equal(config.logLevel, 'info');
  });

  it('resolves DATA_DIR to an absolute path and keeps embedded storage there', () => {
    const config = loadConfig({ DATA_DIR: 'some/dir' });
    assert.equal(config.dataDir, resolve('some/dir'));
    assert.deepEqual(config.storage, { kind: 'embedded', dataDir: resolve('some/dir') });
  });

  it('splits ALLOWED_TENANTS on commas and drops blanks', () => {
    const config = loadConfig({ ALLOWED_TENANTS: ' t1, t2 ,,t3 ', AAD_APP_CLIENT_ID: 'sso-app' });
    assert.deepEqual(config.allowedTenants, ['t1', 't2', 't3']);
    assert.equal(config.ssoClientId, 'sso-app');
  });

  describe('ROLLOUT_CONCURRENCY', () => {
    it('sends 32 cards at once unless told otherwise, and takes a whole number up to 256', () => {
      assert.equal(loadConfig({}).rolloutConcurrency, 32);
      assert.equal(loadConfig({ ROLLOUT_CONCURRENCY: '8' }).rolloutConcurrency, 8);
    });
    for (const value of ['0', '257', '2.5', 'many']) {
      it(`refuses "${value}", quoting it`, () => {
        assert.deepEqual(problemsOf({ ROLLOUT_CONCURRENCY: value }), [
          `ROLLOUT_CONCURRENCY skal være et helt tal fra 1 til 256 / must be a whole number from 1 to 256 (got "${value}")`,
        ]);
      });
    }
  });

  describe('PORT', () => {
    for (const port of ['0', '8080', '65535']) {
      it(`accepts ${port}`, () => {
        assert.equal(loadConfig({ PORT: port }).port, Number(port));
      });
    }
    for (const port of ['abc', '-1', '65536', '3978.5', '80x']) {
      it(`refuses "${port}", quoting it`, () => {
        const problems = problemsOf({ PORT: port });
        assert.deepEqual(problems, [
          `PORT skal være et portnummer / PORT must be a port number (got "${port}")`,
        ]);
      });
    }
  });

  describe('in production', () => {
    it('refuses to start without bot credentials and real storage, naming each missing setting', () => {
      const problems = problemsOf({ NODE_ENV: 'production' });
      assert.equal(problems.length, 2);
      assert.match(problems[0] ?? '', /MicrosoftAppId mangler \/ .*MicrosoftAppId is missing/);
      assert.match(
        problems[1] ?? '',
        /sæt STORAGE_ACCOUNT_URL eller STORAGE_CONNECTION_STRING \/ .*set STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING/,
      );
    });

    it('names only the storage when the bot credentials are there', () => {
      const problems = problemsOf({ NODE_ENV: 'production', ...BOT });
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /STORAGE_ACCOUNT_URL/);
      assert.doesNotMatch(problems[0] ?? '', /MicrosoftAppId/);
    });

    it('names only MicrosoftAppId when real storage is there', () => {
      for (const storage of [
        REAL_STORAGE,
        { STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' },
      ]) {
        const problems = problemsOf({ NODE_ENV: 'production', ...storage });
        assert.equal(problems.length, 1);
        assert.match(problems[0] ?? '', /MicrosoftAppId/);
      }
    });

    it('lists every problem at once, not only the first', () => {
      const problems = problemsOf({ NODE_ENV: 'production', PORT: 'x', MicrosoftAppType: 'Bogus' });
      assert.equal(problems.length, 4);
      assert.match(problems[0] ?? '', /^PORT/);
      assert.match(problems[1] ?? '', /^MicrosoftAppType/);
      assert.match(problems[2] ?? '', /MicrosoftAppId/);
      assert.match(problems[3] ?? '', /STORAGE_ACCOUNT_URL/);
    });

    it('starts with bot credentials and a managed-identity storage account, on every address', () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        ...BOT,
        ...REAL_STORAGE,
        AZURE_CLIENT_ID: 'mi-client',
      });
      assert.equal(config.production, true);
      assert.equal(config.devMode, false);
      assert.equal(config.host, '0.0.0.0');
      assert.deepEqual(config.bot, {
        appId: 'app-id',
        appPassword: 'secret',
        appType: 'MultiTenant',
        tenantId: undefined,
      });
      assert.deepEqual(config.storage, {
        kind: 'account-url',
        accountUrl: 'https://musdata.table.core.windows.net',
        managedIdentityClientId: 'mi-client',
      });
    });
  });

  describe('MicrosoftAppType', () => {
    it('defaults to MultiTenant, which needs a password but no tenant', () => {
      assert.equal(loadConfig(BOT).bot?.appType, 'MultiTenant');
      assert.deepEqual(problemsOf({ MicrosoftAppId: 'app-id' }), [
        'MicrosoftAppPassword mangler / is missing (needed unless MicrosoftAppType=UserAssignedMSI)',
      ]);
    });

    it('SingleTenant needs both a password and a tenant', () => {
      assert.deepEqual(problemsOf({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'SingleTenant' }), [
        'MicrosoftAppPassword mangler / is missing (needed unless MicrosoftAppType=UserAssignedMSI)',
        'MicrosoftAppTenantId mangler / is missing (needed for SingleTenant)',
      ]);
      const config = loadConfig({
        ...BOT,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 'tenant-1',
      });
      assert.equal(config.bot?.appType, 'SingleTenant');
      assert.equal(config.bot?.tenantId, 'tenant-1');
    });

    it('UserAssignedMSI needs a tenant but no password', () => {
      assert.deepEqual(
        problemsOf({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'UserAssignedMSI' }),
        ['MicrosoftAppTenantId mangler / is missing (needed for UserAssignedMSI)'],
      );
      const config = loadConfig({
        MicrosoftAppId: 'app-id',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: 'tenant-1',
      });
      assert.deepEqual(config.bot, {
        appId: 'app-id',
        appPassword: undefined,
        appType: 'UserAssignedMSI',
        tenantId: 'tenant-1',
      });
    });

    it('refuses any other value, quoting it', () => {
      assert.deepEqual(problemsOf({ ...BOT, MicrosoftAppType: 'multitenant' }), [
        'MicrosoftAppType skal være MultiTenant, SingleTenant eller UserAssignedMSI / must be one of those (got "multitenant")',
      ]);
    });
  });

  describe('storage', () => {
    it('uses STORAGE_CONNECTION_STRING when set, in preference to STORAGE_ACCOUNT_URL', () => {
      const config = loadConfig({ STORAGE_CONNECTION_STRING: 'cs', ...REAL_STORAGE });
      assert.deepEqual(config.storage, { kind: 'connection-string', connectionString: 'cs' });
    });

    it('refuses a STORAGE_ACCOUNT_URL that is not https', () => {
      for (const url of [
        'http://musdata.table.core.windows.net',
        'musdata.table.core.windows.net',
        'https://',
      ]) {
        assert.deepEqual(
          problemsOf({ STORAGE_ACCOUNT_URL: url }),
          ['STORAGE_ACCOUNT_URL skal være en https-adresse / must be an https URL'],
          url,
        );
      }
    });
  });

  describe('dev mode', () => {
    it('is on exactly when MicrosoftAppId is unset', () => {
      assert.equal(loadConfig({}).devMode, true);
      assert.equal(loadConfig(BOT).devMode, false);
    });

    it('forces 127.0.0.1 whatever HOST says, because Bot Framework auth is off', () => {
      for (const HOST of ['0.0.0.0', '::', '192.0.2.10']) {
        assert.equal(loadConfig({ HOST }).host, '127.0.0.1', HOST);
      }
    });

    it('is still forced to loopback when NODE_ENV is not production', () => {
      assert.equal(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).host, '127.0.0.1');
    });

    it('gives way to HOST once there are bot credentials', () => {
      assert.equal(loadConfig({ ...BOT, HOST: '10.0.0.4' }).host, '10.0.0.4');
      assert.equal(loadConfig(BOT).host, '0.0.0.0');
    });
  });

  describe('PROACTIVE_INSTALL', () => {
    const READY = { ...BOT, TEAMS_APP_ID: 'manifest-id' };

    it('is off unless set, and off when set to off', () => {
      assert.equal(loadConfig(READY).proactiveInstall, undefined);
      assert.equal(loadConfig({ ...READY, PROACTIVE_INSTALL: 'off' }).proactiveInstall, undefined);
    });

    it('on uses the bot registration for Graph and finds the app by the manifest id', () => {
      assert.deepEqual(loadConfig({ ...READY, PROACTIVE_INSTALL: 'on' }).proactiveInstall, {
        manifestId: 'manifest-id',
        clientId: 'app-id',
        clientSecret: 'secret',
      });
      const single = loadConfig({
        ...READY,
        PROACTIVE_INSTALL: 'ON',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 'tenant-1',
      });
      assert.equal(single.proactiveInstall?.tenantId, 'tenant-1');
    });

    it('refuses any value but on or off, quoting it', () => {
      assert.deepEqual(problemsOf({ ...READY, PROACTIVE_INSTALL: 'yes' }), [
        'PROACTIVE_INSTALL skal være on eller off / must be on or off (got "yes")',
      ]);
    });

    it('on without a client secret or a manifest id names what is missing', () => {
      const [problem, ...rest] = problemsOf({ PROACTIVE_INSTALL: 'on' });
      assert.deepEqual(rest, []);
      assert.match(
        problem ?? '',
        /^PROACTIVE_INSTALL=on kræver MicrosoftAppId, MicrosoftAppPassword, TEAMS_APP_ID /,
      );
      const msi = problemsOf({
        MicrosoftAppId: 'app-id',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: 'tenant-1',
        TEAMS_APP_ID: 'manifest-id',
        PROACTIVE_INSTALL: 'on',
      });
      assert.equal(msi.length, 1);
      assert.match(msi[0] ?? '', /kræver MicrosoftAppPassword \(/);
    });
  });
});
