import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import type { VerifySsoToken } from '../../../bot/api/authenticate.js';
import {
  CLOCK_TOLERANCE_SECONDS,
  createSsoVerifier,
  ssoAudiences,
  SsoTokenError,
  ssoVerifierFromConfig,
} from '../../../bot/api/sso-token.js';
import { memoryLogger } from '../../helpers/memory-logger.js';
import {
  AUDIENCE,
  CLIENT_ID,
  objectIdFor,
  OTHER_TENANT,
  startLocalSso,
  TAB_HOST,
  TENANT,
  unsignedToken,
  v2Issuer,
  type LocalSso,
} from './local-sso.js';

const OID = objectIdFor('pernille.krogh@vandvaerk.example');

async function refusal(verify: VerifySsoToken, token: string): Promise<SsoTokenError> {
  try {
    await verify(token);
  } catch (error) {
    assert.ok(error instanceof SsoTokenError, `expected SsoTokenError, got ${String(error)}`);
    return error;
  }
  assert.fail('the token was accepted');
}

describe('Teams SSO token verification', () => {
  let sso: LocalSso;
  let verify: VerifySsoToken;
  const nowSeconds = (): number => Math.floor(Date.now() / 1000);

  before(async () => {
    sso = await startLocalSso();
    verify = createSsoVerifier({
      audiences: ssoAudiences(CLIENT_ID, [TAB_HOST]),
      allowedTenants: [TENANT],
      jwksUrl: sso.jwksUrl,
    });
  });
  after(async () => {
    await sso.close();
  });

  it('a valid token signed by a published key yields its tenant and object id', async () => {
    const claims = await verify(await sso.mint({ oid: OID }));
    assert.deepEqual(claims, { tenantId: TENANT, objectId: OID });
    assert.ok(sso.jwksRequests() >= 1, 'the keys came from the JWKS over HTTP');
  });

  it('a v1 token (issuer sts.windows.net) with the client id as audience is valid too', async () => {
    const token = await sso.mint({
      oid: OID,
      iss: `https://sts.windows.net/${TENANT}/`,
      aud: CLIENT_ID,
    });
    assert.equal((await verify(token)).objectId, OID);
  });

  it('a token that expired a few seconds ago is still within the clock tolerance', async () => {
    const token = await sso.mint({ oid: OID, exp: nowSeconds() - 5 });
    assert.equal((await verify(token)).tenantId, TENANT);
  });

  it('an expired token is refused', async () => {
    const token = await sso.mint({ exp: nowSeconds() - CLOCK_TOLERANCE_SECONDS - 120 });
    assert.equal((await refusal(verify, token)).reason, 'ERR_JWT_EXPIRED');
  });

  it('a token without an expiry is refused', async () => {
    const token = await sso.mint({ omit: ['exp'] });
    assert.equal((await refusal(verify, token)).reason, 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('a token for another audience is refused', async () => {
    const token = await sso.mint({ aud: 'api://mus.vandvaerk.example/another-app' });
    assert.equal((await refusal(verify, token)).reason, 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('a token whose issuer is another tenant than its own tid is refused', async () => {
    const token = await sso.mint({ iss: v2Issuer(OTHER_TENANT) });
    assert.equal((await refusal(verify, token)).reason, 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('a token from a tenant not on the allow-list is refused before any key is fetched', async () => {
    const before = sso.jwksRequests();
    const token = await sso.mint({ tid: OTHER_TENANT });
    assert.match((await refusal(verify, token)).reason, /not allowed/);
    assert.equal(sso.jwksRequests(), before);
  });

  it('a token signed by a key that is not published is refused', async () => {
    const token = await sso.mintWithOtherKey({ oid: OID });
    assert.equal((await refusal(verify, token)).reason, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('an unsigned token (alg none) is refused', async () => {
    const now = nowSeconds();
    const token = unsignedToken({
      tid: TENANT,
      oid: OID,
      iss: v2Issuer(TENANT),
      aud: AUDIENCE,
      exp: now + 3600,
    });
    assert.equal((await refusal(verify, token)).reason, 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('an HS256 token keyed with the public key as its secret is refused', async () => {
    const now = nowSeconds();
    const token = await new SignJWT({ tid: TENANT, oid: OID })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
      .setIssuer(v2Issuer(TENANT))
      .setAudience(AUDIENCE)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(sso.publicKeyPem));
    assert.equal((await refusal(verify, token)).reason, 'ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('a token without an object id is refused', async () => {
    const token = await sso.mint({ omit: ['oid'] });
    assert.equal((await refusal(verify, token)).reason, 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('something that is not a JWT is refused', async () => {
    assert.equal((await refusal(verify, 'not-a-token')).reason, 'not a JWT');
  });

  it('with an empty tenant allow-list every token is refused', async () => {
    const closed = createSsoVerifier({
      audiences: [AUDIENCE],
      allowedTenants: [],
      jwksUrl: sso.jwksUrl,
    });
    assert.match((await refusal(closed, await sso.mint({ oid: OID }))).reason, /not allowed/);
  });
});

describe('the SSO verifier from the configuration', () => {
  const config = { allowedTenants: [], publicUrl: 'https://mus.vandvaerk.example' };

  it('there is none without an SSO app, so only dev mode can sign anyone in', () => {
    const { log } = memoryLogger();
    assert.equal(ssoVerifierFromConfig({ ...config, ssoClientId: undefined }, log), undefined);
  });

  it('with no tenant allowed it still verifies, refusing every token, and warns in the log', async () => {
    const { log, lines } = memoryLogger();
    const verify = ssoVerifierFromConfig({ ...config, ssoClientId: CLIENT_ID }, log);
    assert.ok(verify);
    assert.ok(lines.some((l) => /ALLOWED_TENANTS/.test(l.msg ?? '')));
    const sso = await startLocalSso();
    try {
      assert.match((await refusal(verify, await sso.mint())).reason, /not allowed/);
    } finally {
      await sso.close();
    }
  });
});
