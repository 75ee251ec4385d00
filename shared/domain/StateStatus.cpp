#include "domain/StateStatus.h"

#include <array>
#include <utility>

namespace caredesk::domain {

namespace {

constexpr std::array<std::pair<StateStatus, std::string_view>, 3> kNames{{
    {StateStatus::Open, "open"},
    {StateStatus::Busy, "busy"},
    {StateStatus::Closed, "closed"},
}};

} // namespace

std::string_view stateStatusName(StateStatus status) {
    for (const auto &[value, name] : kNames) {
        if (value == status)
            return name;
    }
    return {};
}

std::optional<StateStatus> stateStatusFromName(std::string_view name) {
    for (const auto &[value, text] : kNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

} // namespace caredesk::domain
