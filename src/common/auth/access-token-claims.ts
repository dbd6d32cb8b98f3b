import { Role } from './principal';

/** Claims inside every access token. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  jti: string;
  /** Expiry, Unix seconds (set by the signer). */
  exp?: number;
}
