#include "domain/VisitStatus.h"

#include <utility>

namespace caredesk::domain {

namespace {

constexpr std::array<std::pair<VisitStatus, std::string_view>, 9> kNames{{
    {VisitStatus::Waiting, "waiting"},
    {VisitStatus::Ready, "ready"},
    {VisitStatus::Assigned, "assigned"},
    {VisitStatus::InVisit, "in_visit"},
    {VisitStatus::Completed, "completed"},
    {VisitStatus::Cancelled, "cancelled"},
    {VisitStatus::Removed, "removed"},
    {VisitStatus::NoShow, "no_show"},
    {VisitStatus::Left, "left"},
}};

} // namespace

std::string_view visitStatusName(VisitStatus status) {
    for (const auto &[value, name] : kNames) {
        if (value == status)
            return name;
    }
    return {};
}

std::optional<VisitStatus> visitStatusFromName(std::string_view name) {
    for (const auto &[value, text] : kNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

} // namespace caredesk::domain
