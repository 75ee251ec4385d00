#include "domain/CannedPlaceholders.h"

#include <algorithm>

namespace caredesk::domain {

namespace {

// The known placeholder starting at body[at] (a '{'), or an empty view.
std::string_view knownAt(std::string_view body, std::size_t at) {
    for (const auto placeholder : kCannedPlaceholders)
        if (body.substr(at, placeholder.size()) == placeholder)
            return placeholder;
    return {};
}

// At most `limit` bytes of text, cut before a UTF-8 continuation byte so a
// quoted excerpt never ends inside a character.
std::string_view excerpt(std::string_view text, std::size_t limit) {
    if (text.size() <= limit)
        return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

std::string knownList() {
    std::string list;
    for (std::size_t i = 0; i < kCannedPlaceholders.size(); ++i) {
        if (i > 0)
            list += i + 1 == kCannedPlaceholders.size() ? " or " : ", ";
        list += kCannedPlaceholders[i];
    }
    return list;
}

} // namespace

std::optional<std::string> validateCannedPlaceholders(std::string_view body) {
    for (std::size_t at = body.find('{'); at != std::string_view::npos;
         at = body.find('{', at + 1)) {
        const auto placeholder = knownAt(body, at);
        if (!placeholder.empty()) {
            at += placeholder.size() - 1;
            continue;
        }
        const auto rest = body.substr(at);
        const auto close = rest.find('}');
        const auto next = rest.find('{', 1);
        if (close == std::string_view::npos || (next != std::string_view::npos && next < close))
            return "unclosed placeholder \"" +
                   std::string(excerpt(rest.substr(0, std::min(next, rest.size())), 40)) +
                   "\"; placeholders are " + knownList();
        return "unknown placeholder " + std::string(excerpt(rest.substr(0, close + 1), 40)) +
               "; placeholders are " + knownList();
    }
    return std::nullopt;
}

std::string
expandCannedPlaceholders(std::string_view body,
                         const std::map<std::string, std::string, std::less<>> &values) {
    std::string out;
    out.reserve(body.size());
    std::size_t copied = 0;
    for (std::size_t at = body.find('{'); at != std::string_view::npos;
         at = body.find('{', at + 1)) {
        const auto placeholder = knownAt(body, at);
        if (placeholder.empty())
            continue;
        const auto value = values.find(placeholder);
        if (value != values.end()) {
            out.append(body.substr(copied, at - copied));
            out += value->second;
            copied = at + placeholder.size();
        }
        at += placeholder.size() - 1;
    }
    out.append(body.substr(copied));
    return out;
}

} // namespace caredesk::domain
