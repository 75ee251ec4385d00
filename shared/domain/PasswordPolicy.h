#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace caredesk::domain {

// What a caregiver's password must be. The server enforces it; the console
// states it and checks as the person types, with this same code.
struct PasswordPolicy {
    std::size_t minLength = 12; // bytes of UTF-8

    // Returns the reason when the password is refused, nullopt when it is fine.
    std::optional<std::string> check(std::string_view password, std::string_view username) const;
    // The rules in one sentence, for the screen where a password is chosen.
    std::string statement() const;
};

} // namespace caredesk::domain
