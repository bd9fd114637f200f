package com.restaurantos.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an RSA or EC public key from PEM: {@code PUBLIC KEY} (SubjectPublicKeyInfo) or {@code CERTIFICATE}. */
public final class PemPublicKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private PemPublicKeys() {
    }

    public static PublicKey read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static PublicKey parse(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no PEM block in the public key file");
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        String type = block.group(1);
        try {
            if (type.equals("CERTIFICATE")) {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            }
            if (!type.equals("PUBLIC KEY")) {
                throw new IllegalArgumentException("expected a PUBLIC KEY or CERTIFICATE PEM block, not " + type);
            }
            X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
            for (String algorithm : new String[]{"RSA", "EC"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePublic(spec);
                } catch (InvalidKeySpecException e) {
                    // try the next kind
                }
            }
            throw new IllegalArgumentException("the PEM public key is neither RSA nor EC");
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalArgumentException("cannot read the PEM public key: " + e.getMessage(), e);
        }
    }

    /** The key as a {@code PUBLIC KEY} PEM block. */
    public static String format(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
