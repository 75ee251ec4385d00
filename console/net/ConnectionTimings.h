#pragma once

#include "net/ReconnectSchedule.h"

#include <chrono>

namespace caredesk::console {

// Every time limit of ServerConnection in one place, so tests can shrink them.
struct ConnectionTimings {
    ReconnectPolicy reconnect;
    // Opening the TCP/TLS/WebSocket link.
    std::chrono::milliseconds connectTimeout{10'000};
    // A request without an answer by then fails; during sign-in the link is
    // considered dead.
    std::chrono::milliseconds replyTimeout{15'000};
    // A ping this often while connected; no pong by the next one drops the link.
    // Catches half-open connections (a laptop that changed networks) within two
    // intervals instead of whenever TCP notices.
    std::chrono::milliseconds heartbeatInterval{15'000};
};

} // namespace caredesk::console
