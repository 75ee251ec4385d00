#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace caredesk::domain {

// Placeholders a canned response may contain, filled in by the console when a
// caregiver inserts it into a chat:
//   {firstName}  the patient's first name
//   {state}      the state the patient is in
//   {wait}       the estimated wait, e.g. "about 15 minutes"
//   {myName}     the caregiver's display name
// Any other brace is refused when the response is saved, so a typo such as
// {firstname} is caught by the admin instead of reaching a patient verbatim.
inline constexpr std::array<std::string_view, 4> kCannedPlaceholders = {"{firstName}", "{state}",
                                                                        "{wait}", "{myName}"};

// nullopt when every '{' in body opens a known placeholder; otherwise a
// sentence for the admin naming the first unknown or unclosed one.
std::optional<std::string> validateCannedPlaceholders(std::string_view body);

// body with each known placeholder replaced by its value in `values` (keyed
// by the placeholder with its braces, e.g. "{firstName}"). A placeholder
// without a value, and any other text, is copied as written, so what is left
// to fill in stays visible to the caregiver.
std::string expandCannedPlaceholders(std::string_view body,
                                     const std::map<std::string, std::string, std::less<>> &values);

} // namespace caredesk::domain
