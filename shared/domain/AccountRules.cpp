#include "domain/AccountRules.h"

#include <algorithm>

namespace caredesk::domain {

namespace {

bool isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool hasControlCharacter(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

} // namespace

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::optional<std::string> checkUsername(std::string_view username) {
    if (username.empty())
        return "a username is required";
    if (username.size() > 64)
        return "a username has at most 64 characters";
    if (!isAsciiLetterOrDigit(username.front()))
        return "a username starts with a letter or a digit";
    const bool allowed = std::all_of(username.begin(), username.end(), [](char c) {
        return isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '@';
    });
    if (!allowed)
        return "a username uses only letters, digits and . _ - @";
    return std::nullopt;
}

std::optional<std::string> checkDisplayName(std::string_view name) {
    if (trimmed(name).empty())
        return "a name is required";
    if (name.size() > 200)
        return "a name has at most 200 bytes";
    if (hasControlCharacter(name))
        return "a name must not contain control characters";
    return std::nullopt;
}

std::optional<std::string> checkEmail(std::string_view email) {
    if (email.empty())
        return std::nullopt;
    if (email.size() > 254)
        return "an email address has at most 254 characters";
    const auto at = email.find('@');
    const bool oneAt = at != std::string_view::npos && email.find('@', at + 1) == std::string_view::npos;
    const auto domain = oneAt ? email.substr(at + 1) : std::string_view{};
    const auto dot = domain.find('.');
    if (!oneAt || at == 0 || dot == std::string_view::npos || dot == 0 ||
        domain.back() == '.' || email.find_first_of(" \t,;<>") != std::string_view::npos ||
        hasControlCharacter(email))
        return "not an email address (expected name@example.org)";
    return std::nullopt;
}

std::optional<std::string> checkPhone(std::string_view phone) {
    if (phone.empty())
        return std::nullopt;
    if (phone.size() > 40)
        return "a phone number has at most 40 characters";
    const bool allowed = std::all_of(phone.begin(), phone.end(), [](char c) {
        return isDigit(c) || c == ' ' || c == '+' || c == '(' || c == ')' || c == '-' || c == '.';
    });
    const auto digits = std::count_if(phone.begin(), phone.end(), isDigit);
    if (!allowed || digits < 7)
        return "not a phone number (digits, spaces and + ( ) - . with at least 7 digits)";
    return std::nullopt;
}

std::optional<std::string> checkLicenseNumber(std::string_view number) {
    if (number.empty())
        return "a license number is required";
    if (number.size() > 64)
        return "a license number has at most 64 characters";
    const bool allowed = std::all_of(number.begin(), number.end(), [](char c) {
        return isAsciiLetterOrDigit(c) || c == ' ' || c == '-' || c == '.' || c == '/' || c == '#';
    });
    if (!allowed)
        return "a license number uses only letters, digits, spaces and - . / #";
    return std::nullopt;
}

std::optional<std::string> checkLicenseType(std::string_view type) {
    if (type.size() > 64)
        return "a license type has at most 64 characters";
    if (hasControlCharacter(type))
        return "a license type must not contain control characters";
    return std::nullopt;
}

} // namespace caredesk::domain
