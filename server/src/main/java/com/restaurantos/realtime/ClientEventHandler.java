package com.restaurantos.realtime;

import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;

/**
 * One client event of contract section 3. Each reads: validate, authorize, act (through the same
 * services as REST, off the event loop), reply. Runs only for authenticated, connected sockets.
 */
interface ClientEventHandler {
    /** The event name, as clients emit it. */
    String event();

    void handle(Socket socket, SocketSession session, Event event);
}
