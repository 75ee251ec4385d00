#include "domain/PasswordPolicy.h"

#include <algorithm>
#include <cctype>

namespace caredesk::domain {

namespace {
bool equalIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}
} // namespace

std::optional<std::string> PasswordPolicy::check(std::string_view password,
                                                 std::string_view username) const {
    if (password.size() < minLength)
        return "a password needs at least " + std::to_string(minLength) + " characters";
    if (equalIgnoringCase(password, username))
        return "a password must not be the username";
    if (std::all_of(password.begin(), password.end(),
                    [&](char c) { return c == password.front(); }))
        return "a password must not repeat a single character";
    return std::nullopt;
}

std::string PasswordPolicy::statement() const {
    return "At least " + std::to_string(minLength) +
           " characters, not your username and not one character repeated. "
           "A passphrase of a few unrelated words is easy to remember and hard to guess.";
}

} // namespace caredesk::domain
