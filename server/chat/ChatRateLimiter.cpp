#include "chat/ChatRateLimiter.h"

#include <algorithm>
#include <cmath>

namespace caredesk::server {

namespace {

// Buckets that have refilled completely carry no information: pruned every
// this many takes, so the map holds only senders active in the last minutes.
constexpr std::size_t kPruneEvery = 4096;

} // namespace

ChatRateLimiter::Bucket &ChatRateLimiter::refilled(const std::string &sender, const Limit &limit,
                                                   Clock::time_point now) {
    auto [it, inserted] = m_buckets.try_emplace(sender, Bucket{limit.burst, now});
    auto &bucket = it->second;
    if (!inserted) {
        const std::chrono::duration<double> elapsed = now - bucket.updated;
        bucket.tokens =
            std::min(limit.burst, bucket.tokens + std::max(0.0, elapsed.count()) * limit.perSecond);
        bucket.updated = std::max(bucket.updated, now);
    }
    return bucket;
}

std::optional<int> ChatRateLimiter::take(const std::string &sender, bool isPatient,
                                         Clock::time_point now) {
    const auto &limit = isPatient ? m_options.patient : m_options.caregiver;
    std::lock_guard lock(m_mutex);
    if (++m_takesSincePrune >= kPruneEvery)
        forgetFullBuckets(now);
    auto &bucket = refilled(sender, limit, now);
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - bucket.tokens) / limit.perSecond;
    return std::max(1, static_cast<int>(std::ceil(wait)));
}

void ChatRateLimiter::refund(const std::string &sender, bool isPatient, Clock::time_point now) {
    const auto &limit = isPatient ? m_options.patient : m_options.caregiver;
    std::lock_guard lock(m_mutex);
    auto &bucket = refilled(sender, limit, now);
    bucket.tokens = std::min(limit.burst, bucket.tokens + 1.0);
}

void ChatRateLimiter::forgetFullBuckets(Clock::time_point now) {
    m_takesSincePrune = 0;
    const double slowest = std::min(m_options.patient.perSecond, m_options.caregiver.perSecond);
    const double largest = std::max(m_options.patient.burst, m_options.caregiver.burst);
    const auto refillTime = std::chrono::duration<double>(largest / slowest);
    std::erase_if(m_buckets,
                  [&](const auto &entry) { return now - entry.second.updated > refillTime; });
}

} // namespace caredesk::server
