import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { VerifySsoToken } from '../../../bot/api/authenticate.js';
import { createSsoVerifier, ssoAudiences } from '../../../bot/api/sso-token.js';

/*
 * A stand-in for Entra ID in tests: an RSA key pair, its JWKS served over real HTTP on port 0, and a
 * minting function for Teams SSO tokens signed with it (or, to test refusals, with another key).
 */

export const TENANT = '3f1c1a2e-8a55-4d6b-9c1e-0a7b5e2d4c10';
export const OTHER_TENANT = 'b2c7d9e1-1111-4a2b-8c3d-9e8f7a6b5c4d';
export const CLIENT_ID = '6c5e4d3b-2a19-4f08-b7e6-d5c4b3a29180';
export const TAB_HOST = 'mus.vandvaerk.example';
export const AUDIENCE = `api://${TAB_HOST}/${CLIENT_ID}`;
const KID = 'test-key-1';

export interface TokenClaims {
  oid?: string;
  tid?: string;
  aud?: string;
  iss?: string;
  /** Seconds since the epoch. */
  exp?: number;
  omit?: ('exp' | 'oid' | 'tid')[];
}

export interface LocalSso {
  jwksUrl: string;
  /** PEM of the public key, for the "HS256 with the public key as secret" attack. */
  publicKeyPem: string;
  /** A token signed by the published key; claims default to a valid v2 token for TENANT. */
  mint(claims?: TokenClaims): Promise<string>;
  /** The same, signed by a key that is not published (same kid). */
  mintWithOtherKey(claims?: TokenClaims): Promise<string>;
  /** How many times the JWKS was fetched. */
  jwksRequests(): number;
  close(): Promise<void>;
}

export function v2Issuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

/** A stable, GUID-shaped Entra object id for a test person. */
export function objectIdFor(email: string): string {
  const hex = createHash('sha256').update(email).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

async function sign(key: CryptoKey, claims: TokenClaims): Promise<string> {
  const tid = claims.tid ?? TENANT;
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    tid,
    oid: claims.oid ?? objectIdFor('nobody@vandvaerk.example'),
    ver: '2.0',
    iss: claims.iss ?? v2Issuer(tid),
    aud: claims.aud ?? AUDIENCE,
    iat: now - 60,
    nbf: now - 60,
    exp: claims.exp ?? now + 3600,
  };
  for (const field of claims.omit ?? []) delete payload[field];
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' }).sign(key);
}

export async function startLocalSso(): Promise<LocalSso> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('JWKS server has no port');
  return {
    jwksUrl: `http://127.0.0.1:${address.port}/discovery/v2.0/keys`,
    publicKeyPem: await exportSPKI(publicKey),
    mint: (claims = {}) => sign(privateKey, claims),
    mintWithOtherKey: (claims = {}) => sign(other.privateKey, claims),
    jwksRequests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An unsigned token (`alg: none`), as an attacker would hand-build it. */
export function unsignedToken(payload: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

/**
 * The app's own token check (bot/api/sso-token.ts), trusting this stand-in's keys: what the test
 * apps give buildApp, so tokens are checked exactly as in production, only against another JWKS.
 */
export function localSsoVerifier(sso: Pick<LocalSso, 'jwksUrl'>): VerifySsoToken {
  return createSsoVerifier({
    audiences: ssoAudiences(CLIENT_ID, [TAB_HOST]),
    allowedTenants: [TENANT],
    jwksUrl: sso.jwksUrl,
  });
}
