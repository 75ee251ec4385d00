#include "domain/Role.h"

#include <array>

namespace caredesk::domain {

namespace {

struct RoleEntry {
    Role role;
    std::string_view name;
};

// Also the order of RoleSet::names().
constexpr std::array<RoleEntry, 3> kRoles{{
    {Role::Support, "support"},
    {Role::Provider, "provider"},
    {Role::Admin, "admin"},
}};

} // namespace

std::string_view roleName(Role role) {
    for (const auto &entry : kRoles) {
        if (entry.role == role)
            return entry.name;
    }
    return {};
}

std::optional<Role> roleFromName(std::string_view name) {
    for (const auto &entry : kRoles) {
        if (entry.name == name)
            return entry.role;
    }
    return std::nullopt;
}

std::vector<std::string> RoleSet::names() const {
    std::vector<std::string> result;
    for (const auto &entry : kRoles) {
        if (has(entry.role))
            result.emplace_back(entry.name);
    }
    return result;
}

std::optional<RoleSet> RoleSet::fromNames(const std::vector<std::string> &names) {
    RoleSet set;
    for (const auto &name : names) {
        const auto role = roleFromName(name);
        if (!role)
            return std::nullopt;
        set.add(*role);
    }
    return set;
}

} // namespace caredesk::domain
