package com.restaurantos.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenVerifierTest {
    private static RSAKey rsa;
    private static ECKey ec;
    private final TokenVerifier hs256 = new TokenVerifier(AuthSettings.of(new KeySource.Secret(Tokens.SECRET)));

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    @Test
    void acceptsAValidTokenAndReadsItsClaims() {
        Principal principal = hs256.verify(Tokens.hs256(Tokens.claims().build()));

        assertThat(principal.subject()).isEqualTo("user-1");
        assertThat(principal.role()).isEqualTo(Role.SERVER);
        assertThat(principal.restaurants()).containsExactly(Tokens.RESTAURANT);
        assertThat(principal.scopes()).isEqualTo(Role.SERVER.defaultScopes());
    }

    @Test
    void rejectsAnExpiredToken() {
        String token = Tokens.hs256(Tokens.claims(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60)))));

        assertAuthFails(hs256, token, "token expired");
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() {
        Instant start = Instant.now();
        AtomicReference<Instant> now = new AtomicReference<>(start);
        TokenVerifier verifier = new TokenVerifier(AuthSettings.of(new KeySource.Secret(Tokens.SECRET)),
                new Clock() {
                    @Override
                    public Instant instant() {
                        return now.get();
                    }

                    @Override
                    public ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        return this;
                    }
                });
        String token = Tokens.hs256(Tokens.claims(c -> c.expirationTime(Date.from(start.plusSeconds(60)))));

        assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
        now.set(start.plusSeconds(60 + 31));
        assertAuthFails(verifier, token, "token expired");
        assertAuthFails(verifier, token, "token expired");
    }

    @Test
    void remembersAVerifiedTokenAsTheSamePrincipal() {
        String token = Tokens.hs256(Tokens.claims().build());

        assertThat(hs256.verify(token)).isSameAs(hs256.verify(" " + token + " "));
    }

    @Test
    void acceptsATokenExpiredLessThanTheClockSkewAgo() {
        String token = Tokens.hs256(Tokens.claims(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(10)))));

        assertThat(hs256.verify(token).subject()).isEqualTo("user-1");
    }

    @Test
    void rejectsATokenNotYetValid() {
        String token = Tokens.hs256(Tokens.claims(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(120)))));

        assertAuthFails(hs256, token, "token not yet valid");
    }

    @Test
    void acceptsATokenValidFromWithinTheClockSkew() {
        String token = Tokens.hs256(Tokens.claims(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(10)))));

        assertThat(hs256.verify(token).subject()).isEqualTo("user-1");
    }

    @Test
    void rejectsATokenWithoutExpiry() {
        String token = Tokens.hs256(Tokens.claims(c -> c.expirationTime(null)));

        assertAuthFails(hs256, token, "token has no exp");
    }

    @Test
    void rejectsATokenSignedWithAnotherSecret() {
        String token = Tokens.hs256("another-secret-that-is-long-enough-for-hs256", Tokens.claims().build());

        assertAuthFails(hs256, token, "bad signature");
    }

    @Test
    void rejectsATamperedPayload() {
        String[] parts = Tokens.hs256(Tokens.claims().build()).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Tokens.claims(c -> c.claim("role", "owner")).toString().getBytes(StandardCharsets.UTF_8));

        assertAuthFails(hs256, parts[0] + "." + forged + "." + parts[2], "bad signature");
    }

    @Test
    void rejectsAnUnsignedAlgNoneToken() {
        assertAuthFails(hs256, Tokens.unsigned(Tokens.claims().build()), "unsigned tokens (alg none) are not accepted");
    }

    @Test
    void rejectsAlgorithmConfusionHs256SignedWithThePublicKeyWhenRs256IsPinned() throws Exception {
        TokenVerifier rs256 = new TokenVerifier(AuthSettings.of(new KeySource.Key(rsa.toRSAPublicKey())));
        byte[] pem = PemPublicKeys.format(rsa.toRSAPublicKey()).getBytes(StandardCharsets.US_ASCII);
        byte[] der = rsa.toRSAPublicKey().getEncoded();

        for (byte[] publicKeyBytes : List.of(pem, der)) {
            String token = Tokens.sign(JWSAlgorithm.HS256, new MACSigner(publicKeyBytes), null, Tokens.claims().build());
            assertAuthFails(rs256, token, "token not signed with an accepted algorithm and key");
        }
    }

    @Test
    void rejectsAnRs256TokenWhenHs256IsPinned() {
        assertAuthFails(hs256, Tokens.rs256(rsa, Tokens.claims().build()),
                "token not signed with an accepted algorithm and key");
    }

    @Test
    void verifiesRs256AndEs256TokensWithAPemPublicKeyFile(@TempDir Path dir) throws Exception {
        Path rsaPem = Files.writeString(dir.resolve("rsa.pem"), PemPublicKeys.format(rsa.toRSAPublicKey()));
        Path ecPem = Files.writeString(dir.resolve("ec.pem"), PemPublicKeys.format(ec.toECPublicKey()));
        TokenVerifier rs256 = new TokenVerifier(AuthSettings.of(new KeySource.Key(PemPublicKeys.read(rsaPem))));
        TokenVerifier es256 = new TokenVerifier(AuthSettings.of(new KeySource.Key(PemPublicKeys.read(ecPem))));

        assertThat(rs256.verify(Tokens.rs256(rsa, Tokens.claims().build())).subject()).isEqualTo("user-1");
        assertThat(es256.verify(Tokens.es256(ec, Tokens.claims().build())).subject()).isEqualTo("user-1");
        assertAuthFails(rs256, Tokens.es256(ec, Tokens.claims().build()),
                "token not signed with an accepted algorithm and key");
        RSAKey otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertAuthFails(rs256, Tokens.rs256(otherRsa, Tokens.claims().build()), "bad signature");
    }

    @Test
    void checksIssuerAndAudienceWhenConfigured() {
        TokenVerifier strict = new TokenVerifier(new AuthSettings(new KeySource.Secret(Tokens.SECRET), null,
                "https://auth.example", "restaurant-os", AuthSettings.DEFAULT_CLOCK_SKEW));

        String good = Tokens.hs256(Tokens.claims(c -> c.issuer("https://auth.example").audience("restaurant-os")));
        String wrongIssuer = Tokens.hs256(Tokens.claims(c -> c.issuer("https://evil.example")
                .audience("restaurant-os")));
        String wrongAudience = Tokens.hs256(Tokens.claims(c -> c.issuer("https://auth.example").audience("other")));

        assertThat(strict.verify(good).subject()).isEqualTo("user-1");
        assertThatThrownBy(() -> strict.verify(wrongIssuer)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> strict.verify(wrongAudience)).isInstanceOf(AuthenticationException.class);
        assertThat(hs256.verify(wrongIssuer).subject()).as("not checked when not configured").isEqualTo("user-1");
    }

    @Test
    void rejectsMalformedAndMissingTokens() {
        assertAuthFails(hs256, "not-a-token", "malformed token");
        assertAuthFails(hs256, "", "no token");
        assertAuthFails(hs256, null, "no token");
    }

    @Test
    void rejectsRestaurantClaimsThatAreNotUuids() {
        String token = Tokens.hs256(Tokens.claims(c -> c.claim("restaurant_id", "restaurant-1")));

        assertAuthFails(hs256, token, "restaurant ids in the token must be UUIDs");
    }

    @Test
    void letsTheTokensOwnScopeWinOverTheRoleDefaults() {
        Principal spaced = hs256.verify(Tokens.hs256(Tokens.claims(c -> c.claim("role", "owner")
                .claim("scope", "orders:read  kitchen:alert unknown:scope"))));
        Principal array = hs256.verify(Tokens.hs256(Tokens.claims(c -> c.claim("role", "cashier")
                .claim("scope", List.of("orders:status")))));

        assertThat(spaced.scopes()).containsExactlyInAnyOrder(Scope.ORDERS_READ, Scope.KITCHEN_ALERT);
        assertThat(array.scopes()).containsExactly(Scope.ORDERS_STATUS);
    }

    @Test
    void givesEachRoleItsDefaultScopes() {
        assertThat(scopesOf("kitchen")).containsExactlyInAnyOrder(Scope.ORDERS_READ, Scope.ORDERS_STATUS,
                Scope.KITCHEN_ALERT);
        assertThat(scopesOf("expo")).isEqualTo(scopesOf("kitchen"));
        assertThat(scopesOf("cashier")).containsExactlyInAnyOrder(Scope.ORDERS_READ, Scope.MENU_READ);
        assertThat(scopesOf("customer")).containsExactlyInAnyOrder(Scope.ORDERS_CREATE, Scope.ORDERS_READ);
        assertThat(scopesOf("server")).containsExactlyInAnyOrder(Scope.ORDERS_CREATE, Scope.ORDERS_READ,
                Scope.ORDERS_UPDATE, Scope.ORDERS_STATUS, Scope.MENU_READ);
        for (String everything : List.of("owner", "manager", "admin", "super_admin")) {
            assertThat(scopesOf(everything)).containsExactlyInAnyOrder(Scope.values());
        }
        assertThat(scopesOf("unknown-role")).isEmpty();
    }

    @Test
    void readsRestaurantIdsAndRequiresASubjectOfCustomers() {
        Principal multi = hs256.verify(Tokens.hs256(Tokens.claims(c -> c.claim("restaurant_ids",
                List.of(Tokens.OTHER.toString())))));

        assertThat(multi.restaurants()).containsExactlyInAnyOrder(Tokens.RESTAURANT, Tokens.OTHER);
        assertAuthFails(hs256, Tokens.hs256(Tokens.claims(c -> c.subject(null).claim("role", "customer"))),
                "a customer token needs a sub");
        assertThat(hs256.verify(Tokens.hs256(Tokens.claims(c -> c.claim("role", "customer")))).ownOrdersOnly())
                .isTrue();
    }

    @Test
    void refusesConfigurationsThatWouldAllowAlgorithmConfusionOrWeakSecrets() throws Exception {
        KeySource.Key publicKey = new KeySource.Key(rsa.toRSAPublicKey());

        assertThatThrownBy(() -> new AuthSettings(publicKey, Set.of("HS256"), null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthSettings(new KeySource.Secret(Tokens.SECRET), Set.of("RS256"), null, null,
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthSettings.of(new KeySource.Secret("short")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthSettings(publicKey, Set.of("none"), null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuthSettings.of(new KeySource.Key(ec.toECPublicKey())).algorithms()).containsExactly("ES256");
    }

    private Set<Scope> scopesOf(String role) {
        return hs256.verify(Tokens.hs256(Tokens.claims(c -> c.claim("role", role)))).scopes();
    }

    private static void assertAuthFails(TokenVerifier verifier, String token, String why) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(why)
                .extracting(e -> ((AuthException) e).code()).isEqualTo("AUTH_FAILED");
    }
}
