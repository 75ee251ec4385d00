#pragma once

#include "domain/Role.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace caredesk::domain {

// Who makes a change: a caregiver acting in one of their roles, the patient
// the visit belongs to, or the server itself (timeouts, disconnects).
enum class ActorKind : std::uint8_t {
    Patient = 1,
    Support = 2,
    Provider = 4,
    Admin = 8,
    System = 16,
};

std::string_view
actorKindName(ActorKind actor); // "patient", "support", "provider", "admin", "system"
std::optional<ActorKind> actorKindFromName(std::string_view name);
ActorKind actorKindOf(Role role); // a caregiver acting in that role

class ActorKindSet {
public:
    constexpr ActorKindSet() = default;
    constexpr ActorKindSet(std::initializer_list<ActorKind> actors) {
        for (const ActorKind actor : actors)
            m_bits |= static_cast<std::uint8_t>(actor);
    }
    constexpr bool has(ActorKind actor) const {
        return (m_bits & static_cast<std::uint8_t>(actor)) != 0;
    }
    constexpr bool empty() const { return m_bits == 0; }
    bool operator==(const ActorKindSet &) const = default;

    // "support, admin": in the order patient, support, provider, admin, system.
    std::string describe() const;

private:
    std::uint8_t m_bits = 0;
};

} // namespace caredesk::domain
