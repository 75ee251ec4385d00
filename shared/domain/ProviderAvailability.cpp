#include "domain/ProviderAvailability.h"

#include <array>
#include <utility>

namespace caredesk::domain {

namespace {

constexpr std::array<std::pair<AvailabilityStatus, std::string_view>, 4> kNames{{
    {AvailabilityStatus::Available, "available"},
    {AvailabilityStatus::InVisit, "in_visit"},
    {AvailabilityStatus::OnBreak, "on_break"},
    {AvailabilityStatus::Offline, "offline"},
}};

} // namespace

std::string_view availabilityStatusName(AvailabilityStatus status) {
    for (const auto &[value, name] : kNames) {
        if (value == status)
            return name;
    }
    return {};
}

std::optional<AvailabilityStatus> availabilityStatusFromName(std::string_view name) {
    for (const auto &[value, text] : kNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

} // namespace caredesk::domain
