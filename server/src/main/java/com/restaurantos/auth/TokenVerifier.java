package com.restaurantos.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Verifies bearer tokens (contract section 2): signature with the configured key and only the configured
 * algorithms ({@code alg: none} and algorithm confusion are refused), {@code exp} required, {@code nbf}
 * honoured, both with the configured clock skew, {@code iss} and {@code aud} when configured. Thread-safe.
 * With a JWKS URL, {@link #verify} may fetch the key set over HTTP: call it off the event loop.
 *
 * <p>A screen shows the same token on every REST call and every reconnect, so with a configured key (secret
 * or PEM, fixed for the life of the process) a token that verified is remembered for a minute: a later call
 * with the very same string only has its expiry checked again. Tokens checked against a JWKS are not
 * remembered, so that a key withdrawn from the set stops working at the next fetch.
 */
public final class TokenVerifier {
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);
    private static final int REMEMBERED_TOKENS = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Cache<String, Principal> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS).expireAfterWrite(REMEMBERED_FOR).build();
    private final Duration clockSkew;
    private final Clock clock;
    private final boolean fetchesKeys;

    public TokenVerifier(AuthSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** The clock against which {@code exp} and {@code nbf} are checked. */
    TokenVerifier(AuthSettings settings, Clock clock) {
        this.clockSkew = settings.clockSkew();
        this.clock = clock;
        this.fetchesKeys = settings.keys() instanceof KeySource.Jwks;
        Set<JWSAlgorithm> algorithms = settings.algorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toSet());
        if (settings.keys() instanceof KeySource.Key key) {
            // One configured key: it verifies whatever key id a token names, but only with the pinned algorithm.
            processor.setJWSKeySelector((header, context) -> algorithms.contains(header.getAlgorithm())
                    ? List.of(key.key()) : List.of());
        } else {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keySource(settings.keys())));
        }
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (settings.issuer() != null) {
            exact.issuer(settings.issuer());
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                exact.build(), Set.of("exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    private static JWKSource<SecurityContext> keySource(KeySource keys) {
        if (keys instanceof KeySource.Secret secret) {
            return new ImmutableSecret<>(secret.value().getBytes(StandardCharsets.UTF_8));
        }
        KeySource.Jwks jwks = (KeySource.Jwks) keys;
        try {
            DefaultResourceRetriever retriever = new DefaultResourceRetriever(2_000, 2_000, 512 * 1024);
            JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwks.url().toURL(),
                            retriever)
                    .cache(jwks.cacheTtl().toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .retrying(true);
            builder = jwks.minRefreshInterval().isZero() ? builder.rateLimited(false)
                    : builder.rateLimited(jwks.minRefreshInterval().toMillis());
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWT_JWKS_URL is not a URL: " + jwks.url(), e);
        }
    }

    /** Whether {@link #verify} may wait on the network (a JWKS to fetch); else it only computes. */
    public boolean mayBlock() {
        return fetchesKeys;
    }

    /** The principal of a valid token; {@link AuthenticationException} saying why otherwise. */
    public Principal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new AuthenticationException("no token");
        }
        String compact = token.strip();
        Principal known = fetchesKeys ? null : verified.getIfPresent(compact);
        if (known != null) {
            if (clock.instant().isAfter(known.expiresAt().plus(clockSkew))) {
                verified.invalidate(compact);
                throw new AuthenticationException("token expired");
            }
            return known;
        }
        Principal principal = principal(verifiedClaims(compact));
        if (!fetchesKeys) {
            verified.put(compact, principal);
        }
        return principal;
    }

    private JWTClaimsSet verifiedClaims(String compact) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(compact, null);
        } catch (ParseException e) {
            throw new AuthenticationException("malformed token");
        } catch (BadJWTException e) {
            throw new AuthenticationException(claimsProblem(e.getMessage()));
        } catch (BadJWSException e) {
            throw new AuthenticationException("bad signature");
        } catch (BadJOSEException e) {
            throw new AuthenticationException(e.getMessage().startsWith("Unsecured")
                    ? "unsigned tokens (alg none) are not accepted"
                    : "token not signed with an accepted algorithm and key");
        } catch (JOSEException e) {
            throw new AuthenticationException("token could not be verified");
        }
        return claims;
    }

    private static String claimsProblem(String message) {
        if (message.contains("Expired")) {
            return "token expired";
        }
        if (message.contains("before use time")) {
            return "token not yet valid";
        }
        if (message.contains("missing required claims")) {
            return "token has no exp";
        }
        if (message.contains("iss")) {
            return "token issuer not accepted";
        }
        if (message.contains("aud")) {
            return "token audience not accepted";
        }
        return "token claims rejected";
    }

    static Principal principal(JWTClaimsSet claims) {
        try {
            Role role = claims.getClaim("role") instanceof String name ? Role.fromWire(name).orElse(null) : null;
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                if (role != null && role.ownOrdersOnly()) {
                    throw new AuthenticationException("a " + role.wire() + " token needs a sub");
                }
                subject = "anonymous";
            }
            Set<Scope> scopes = claims.getClaim("scope") != null ? scopes(claims.getClaim("scope"))
                    : role != null ? role.defaultScopes() : Set.of();
            Set<UUID> restaurants = new HashSet<>();
            if (claims.getClaim("restaurant_id") != null) {
                restaurants.add(restaurant(claims.getClaim("restaurant_id")));
            }
            if (claims.getClaim("restaurant_ids") != null) {
                if (!(claims.getClaim("restaurant_ids") instanceof Collection<?> ids)) {
                    throw new AuthenticationException("restaurant_ids must be an array");
                }
                for (Object id : ids) {
                    restaurants.add(restaurant(id));
                }
            }
            Instant expires = claims.getExpirationTime().toInstant();
            return new Principal(subject, role, scopes, restaurants, role != null && role.anyRestaurant(), expires);
        } catch (ClassCastException e) {
            throw new AuthenticationException("token claims have the wrong types");
        }
    }

    private static Set<Scope> scopes(Object claim) {
        List<String> names = new ArrayList<>();
        if (claim instanceof String text) {
            names.addAll(List.of(text.strip().split("\\s+")));
        } else if (claim instanceof Collection<?> list) {
            list.forEach(s -> names.add(String.valueOf(s)));
        } else {
            throw new AuthenticationException("scope must be a string or an array");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        names.forEach(name -> Scope.fromWire(name).ifPresent(scopes::add));
        return scopes;
    }

    private static UUID restaurant(Object claim) {
        if (claim instanceof String text) {
            try {
                return Principal.parseRestaurant(text);
            } catch (InvalidRestaurantException e) {
                // fall through
            }
        }
        throw new AuthenticationException("restaurant ids in the token must be UUIDs");
    }
}
