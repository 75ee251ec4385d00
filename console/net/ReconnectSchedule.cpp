#include "net/ReconnectSchedule.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>
#include <limits>

namespace caredesk::console {

ReconnectSchedule::ReconnectSchedule(ReconnectPolicy policy, UnitRandom random)
    : m_policy(policy)
    , m_random(std::move(random)) {
    m_policy.initialDelay = std::max(m_policy.initialDelay, std::chrono::milliseconds{1});
    m_policy.maximumDelay = std::max(m_policy.maximumDelay, m_policy.initialDelay);
    if (!m_random)
        m_random = [] {
            return QRandomGenerator::global()->generateDouble();
        };
}

std::chrono::milliseconds ReconnectSchedule::ceilingFor(int attempt) const {
    const auto initial = m_policy.initialDelay.count();
    const auto maximum = m_policy.maximumDelay.count();
    auto ceiling = initial;
    // Doubling stops at the maximum, so a console that has been retrying all
    // night never overflows.
    for (int i = 1; i < attempt && ceiling < maximum; ++i)
        ceiling *= 2;
    return std::chrono::milliseconds{std::min(ceiling, maximum)};
}

std::chrono::milliseconds ReconnectSchedule::nextDelay() {
    if (m_attempt < std::numeric_limits<int>::max())
        ++m_attempt;
    const auto ceiling = ceilingFor(m_attempt).count();
    const double unit = std::clamp(m_random(), 0.0, 1.0);
    // unit is in [0, 1), so floor(unit * (ceiling + 1)) covers 0..ceiling evenly.
    const auto delay = static_cast<long long>(std::floor(unit * static_cast<double>(ceiling + 1)));
    return std::chrono::milliseconds{std::min<long long>(delay, ceiling)};
}

} // namespace caredesk::console
