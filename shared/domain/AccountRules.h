#pragma once

// What makes a caregiver's account details acceptable. The server enforces
// these on every path that writes an account (the console form, the CSV
// import); the console uses them to point at a field before sending.

#include <optional>
#include <string>
#include <string_view>

namespace caredesk::domain {

// Each returns why the value is refused, or nullopt when it is acceptable.
// Values are taken as given: callers trim surrounding spaces first.

// 1-64 characters: letters, digits and . _ - @, starting with a letter or digit.
std::optional<std::string> checkUsername(std::string_view username);
// 1-200 bytes, no control characters.
std::optional<std::string> checkDisplayName(std::string_view name);
// Empty, or one @ with text on both sides and a dot in the domain; no spaces.
std::optional<std::string> checkEmail(std::string_view email);
// Empty, or 7-40 characters of digits, spaces and + ( ) - . with at least 7 digits.
std::optional<std::string> checkPhone(std::string_view phone);
// 1-64 characters: letters, digits, spaces and - . / #
std::optional<std::string> checkLicenseNumber(std::string_view number);
// 0-64 characters, no control characters.
std::optional<std::string> checkLicenseType(std::string_view type);

// The text without leading and trailing spaces and tabs.
std::string_view trimmed(std::string_view text);

} // namespace caredesk::domain
