#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caredesk::domain {

// What a caregiver may do. A person may hold several roles.
enum class Role : std::uint8_t { Support = 1, Provider = 2, Admin = 4 };

std::string_view roleName(Role role); // "support", "provider", "admin"
std::optional<Role> roleFromName(std::string_view name);

class RoleSet {
public:
    constexpr RoleSet() = default;
    constexpr RoleSet(std::initializer_list<Role> roles) {
        for (Role r : roles)
            m_bits |= static_cast<std::uint8_t>(r);
    }
    constexpr bool has(Role role) const { return (m_bits & static_cast<std::uint8_t>(role)) != 0; }
    constexpr bool intersects(RoleSet other) const { return (m_bits & other.m_bits) != 0; }
    constexpr bool empty() const { return m_bits == 0; }
    void add(Role role) { m_bits |= static_cast<std::uint8_t>(role); }
    bool operator==(const RoleSet &) const = default;

    std::vector<std::string> names() const; // in the order support, provider, admin
    // nullopt if any name is not a role.
    static std::optional<RoleSet> fromNames(const std::vector<std::string> &names);

private:
    std::uint8_t m_bits = 0;
};

} // namespace caredesk::domain
