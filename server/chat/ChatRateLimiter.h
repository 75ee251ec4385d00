#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace caredesk::server {

// Per-sender token buckets for chat messages: a burst, then a steady rate.
// Kept by each server instance for the connections it serves; a sender's
// messages reach one instance through their connection, so the limit holds
// per sender as long as they stay connected (a reconnect to another
// instance starts a full bucket, which is at most one more burst).
class ChatRateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    struct Limit {
        double burst = 10;      // messages that may be sent at once
        double perSecond = 0.5; // refill rate
    };
    struct Options {
        Limit patient{10, 0.5};   // 30 a minute after a burst of 10
        Limit caregiver{40, 5.0}; // staff answer many patients at once
    };

    ChatRateLimiter()
        : ChatRateLimiter(Options{}) {}
    explicit ChatRateLimiter(Options options)
        : m_options(options) {}

    // Takes one message's token; nullopt when allowed, or else the whole
    // seconds until one is available (at least 1).
    std::optional<int> take(const std::string &sender, bool isPatient, Clock::time_point now);
    // Gives back a token taken for a message that turned out to be a retry.
    void refund(const std::string &sender, bool isPatient, Clock::time_point now);

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    Bucket &refilled(const std::string &sender, const Limit &limit, Clock::time_point now);
    void forgetFullBuckets(Clock::time_point now);

    Options m_options;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    std::size_t m_takesSincePrune = 0;
};

} // namespace caredesk::server
