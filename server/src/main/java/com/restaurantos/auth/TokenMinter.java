package com.restaurantos.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Mints HS256 tokens with the configured secret (the {@code token} command; tests). */
public final class TokenMinter {
    private final MACSigner signer;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    /** @throws IllegalArgumentException if tokens are verified with public keys: the server holds no signing key */
    public TokenMinter(AuthSettings settings, Clock clock) {
        if (!(settings.keys() instanceof KeySource.Secret secret)) {
            throw new IllegalArgumentException("tokens can only be minted with JWT_SECRET (HS256); this server"
                    + " verifies tokens with a public key or a JWKS, whose private keys it does not have");
        }
        try {
            this.signer = new MACSigner(secret.value().getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT_SECRET is not usable for HS256: " + e.getMessage(), e);
        }
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * A token for {@code subject}.
     *
     * @param role        nullable
     * @param restaurant  nullable: the {@code restaurant_id} claim
     * @param restaurants the {@code restaurant_ids} claim, left out when empty
     * @param scopes      the {@code scope} claim (space-separated), left out when empty: the role's scopes apply
     */
    public String mint(String subject, String role, UUID restaurant, List<UUID> restaurants, List<String> scopes,
                       Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        if (role != null) {
            claims.claim("role", role);
        }
        if (restaurant != null) {
            claims.claim("restaurant_id", restaurant.toString());
        }
        if (!restaurants.isEmpty()) {
            claims.claim("restaurant_ids", restaurants.stream().map(UUID::toString).toList());
        }
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
        return jwt.serialize();
    }
}
