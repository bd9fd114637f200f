package com.restaurantos.app;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The settings of contract section 1, read once from the environment.
 *
 * @param host        bind address ({@code HOST}, default 0.0.0.0)
 * @param port        HTTP and Socket.IO port ({@code PORT}, default 3001)
 * @param corsOrigins origins allowed to use HTTP long-polling ({@code CORS_ORIGINS}, default any)
 */
record AppConfig(String host, int port, List<String> corsOrigins) {

    static AppConfig fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("HOST", "0.0.0.0");
        int port = parsePort(env.getOrDefault("PORT", "3001"));
        List<String> origins = Arrays.stream(env.getOrDefault("CORS_ORIGINS", "*").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new AppConfig(host, port, origins.isEmpty() ? List.of("*") : origins);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number from 0 to 65535, not '" + value + "'");
        }
    }
}
