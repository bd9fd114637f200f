package com.restaurantos.engineio;

/** Input that is not a valid Engine.IO packet or payload. The only exception the codec throws. */
public final class EngineDecodeException extends Exception {
    public EngineDecodeException(String message) {
        super(message, null, false, false);
    }
}
