// Turns the Authorization header into a Caller. Without a header the caller is anonymous; a header that
// cannot be verified is refused (never downgraded to anonymous), so a client learns its token is bad.
import { GraphQLError } from "graphql";
import { ANONYMOUS, type Caller } from "../../platform/caller.ts";
import { isUpstreamUnavailable } from "../../platform/resilience/upstream.ts";
import { callerFromClaims, UnusableClaimsError } from "./callerFromClaims.ts";
import { InvalidTokenError, type VerifyToken } from "./tokenVerifier.ts";

export type Authenticate = (authorization: string | undefined) => Promise<Caller>;

export class AuthenticationError extends GraphQLError {
  constructor(message = "Jeton d'accès invalide ou expiré.") {
    super(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  }
}

/** Until a token verifier is configured, only anonymous requests are served. */
export const anonymousOnly: Authenticate = async (authorization) => {
  if (authorization) throw new AuthenticationError();
  return ANONYMOUS;
};

// The scheme is case-insensitive (RFC 7235); the credentials are a compact JWS (RFC 7515).
const BEARER = /^Bearer +(\S+)$/i;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function bearerAuthenticator(verify: VerifyToken, options: { pseudonymSecret: string }): Authenticate {
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = BEARER.exec(authorization.trim());
    if (!match?.[1])
      throw new AuthenticationError("En-tête Authorization invalide : attendu « Bearer <jeton> ».");
    // `Bearer xxx` is a Bearer header: what is wrong is the token, which is not a JWT.
    if (!JWT.test(match[1]))
      throw new AuthenticationError(
        "Jeton d'accès invalide : ce n'est pas un jeton JWT de MonStrasbourg.eu.",
      );
    try {
      return callerFromClaims(await verify(match[1]), options);
    } catch (error) {
      if (isUpstreamUnavailable(error)) {
        throw new GraphQLError(
          "Impossible de vérifier le jeton : MonStrasbourg.eu est momentanément indisponible.",
          {
            extensions: { code: "UPSTREAM_UNAVAILABLE", http: { status: 503 } },
          },
        );
      }
      if (error instanceof InvalidTokenError || error instanceof UnusableClaimsError)
        throw new AuthenticationError();
      throw error;
    }
  };
}
