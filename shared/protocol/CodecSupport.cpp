#include "protocol/CodecSupport.h"

#include <algorithm>
#include <chrono>

namespace caredesk::protocol::codec {

namespace {

constexpr std::chrono::year_month_day kEarliestDate{std::chrono::year{1900} / 1 / 1};
constexpr std::chrono::year_month_day kLatestDate{std::chrono::year{2100} / 12 / 31};

constexpr bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

constexpr bool isCapitalLetter(char c) {
    return c >= 'A' && c <= 'Z';
}

// Exactly "DDDD-DD-DD" in ASCII digits.
bool hasDateShape(std::string_view text) {
    if (text.size() != 10)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? text[i] != '-' : !isDigit(text[i]))
            return false;
    }
    return true;
}

int digitsValue(std::string_view text) {
    int value = 0;
    for (const char c : text)
        value = value * 10 + (c - '0');
    return value;
}

} // namespace

std::string readStateCode(BodyReader &in, const char *field) {
    // No length limit of its own: anything that is not a code gets one message.
    auto code = in.string(field, 0, std::numeric_limits<std::size_t>::max());
    if (in.failed())
        return {};
    if (code.size() != 2 || !isCapitalLetter(code[0]) || !isCapitalLetter(code[1])) {
        in.fail(ErrorCode::OutOfRange, field, "must be a state code of two capital letters");
        return {};
    }
    return code;
}

std::string readDate(BodyReader &in, const char *field) {
    auto text = in.string(field, 0, std::numeric_limits<std::size_t>::max());
    if (in.failed())
        return {};
    const std::string_view view(text);
    if (!hasDateShape(view)) {
        in.fail(ErrorCode::OutOfRange, field, "must be a date written YYYY-MM-DD");
        return {};
    }
    const std::chrono::year_month_day date{
        std::chrono::year{digitsValue(view.substr(0, 4))},
        std::chrono::month{static_cast<unsigned>(digitsValue(view.substr(5, 2)))},
        std::chrono::day{static_cast<unsigned>(digitsValue(view.substr(8, 2)))}};
    if (!date.ok()) {
        in.fail(ErrorCode::OutOfRange, field, "is not a day of the calendar");
        return {};
    }
    if (date < kEarliestDate || date > kLatestDate) {
        in.fail(ErrorCode::OutOfRange, field, "must be between 1900-01-01 and 2100-12-31");
        return {};
    }
    return text;
}

std::int64_t readTime(BodyReader &in, const char *field) {
    return in.integer(field, 0, kMaxEpochMs);
}

std::optional<std::int64_t> readOptionalTime(BodyReader &in, const char *field) {
    return in.optionalInteger(field, 0, kMaxEpochMs);
}

std::string readName(BodyReader &in, const char *field, std::span<const std::string_view> names) {
    // No length limit of its own: any string that is not a name is refused
    // with the same message, and frames are bounded already.
    auto value = in.string(field, 0, std::numeric_limits<std::size_t>::max());
    if (in.failed())
        return {};
    if (std::find(names.begin(), names.end(), value) != names.end())
        return value;
    std::string expected = "is not one of ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        expected += i == 0 ? "\"" : ", \"";
        expected += names[i];
        expected += '"';
    }
    in.fail(ErrorCode::OutOfRange, field, expected);
    return {};
}

domain::RoleSet readRoles(BodyReader &in, const char *field) {
    constexpr std::size_t kMaxRoles = 16;
    constexpr std::size_t kMaxRoleNameBytes = 32;
    domain::RoleSet roles;
    const auto names = in.stringArray(field, kMaxRoles, 1, kMaxRoleNameBytes);
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto role = domain::roleFromName(names[i]);
        const std::string item = std::string(field) + "[" + std::to_string(i) + "]";
        if (!role) {
            in.fail(ErrorCode::OutOfRange, item.c_str(),
                    "is not one of \"support\", \"provider\", \"admin\"");
            return {};
        }
        if (roles.has(*role)) {
            in.fail(ErrorCode::OutOfRange, item.c_str(), "repeats a role");
            return {};
        }
        roles.add(*role);
    }
    return roles;
}

} // namespace caredesk::protocol::codec
