#pragma once

#include "protocol/Envelope.h"
#include "protocol/Result.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace caredesk::console {

// Requests sent and not yet answered, keyed by request id. Every request ends
// exactly once: with its reply, with the server's error, or with a local
// failure (link lost, no answer in time), so no caller waits forever.
class PendingRequests {
public:
    using Clock = std::chrono::steady_clock;
    // Receives the reply envelope, or the error: the server's "error" reply
    // decoded, or a local failure.
    using Completion = std::function<void(const protocol::Result<protocol::Envelope> &)>;

    // Registers a request and returns its id, unique for the life of this object
    // (across reconnects too, so a late reply can never match a newer request).
    std::string add(Completion completion, Clock::time_point deadline);

    // Completes the request with this id. Returns false when no request has it
    // (a late reply after a timeout, or a server bug).
    bool complete(const std::string &id, protocol::Envelope reply);

    // Fails every pending request. Completions may add new requests; those stay.
    void failAll(const protocol::Error &error);
    // Fails the requests whose deadline is at or before now.
    void failExpired(Clock::time_point now, const protocol::Error &error);

    std::optional<Clock::time_point> nextDeadline() const;
    std::size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }

private:
    struct Entry {
        Completion completion;
        Clock::time_point deadline;
    };

    std::map<std::string, Entry> m_entries;
    std::uint64_t m_nextNumber = 1;
};

} // namespace caredesk::console
