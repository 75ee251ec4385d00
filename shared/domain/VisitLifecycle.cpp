#include "domain/VisitLifecycle.h"

#include <algorithm>
#include <array>

namespace caredesk::domain {

namespace {

using enum VisitStatus;
constexpr ActorKindSet kQueueAssigners{ActorKind::Provider, ActorKind::Support, ActorKind::Admin,
                                       ActorKind::System};

constexpr std::array<VisitTransition, 16> kTable{{
    {Waiting, Ready, {ActorKind::Support, ActorKind::Admin, ActorKind::System}, false},
    {Waiting, Assigned, kQueueAssigners, false},
    {Ready, Assigned, kQueueAssigners, false},
    {Assigned, InVisit, {ActorKind::Provider, ActorKind::System}, false},
    {Assigned, Waiting, kQueueAssigners, false},
    {InVisit, Completed, {ActorKind::Provider, ActorKind::Admin}, false},
    {Waiting, Cancelled, {ActorKind::Patient}, false},
    {Ready, Cancelled, {ActorKind::Patient}, false},
    {Assigned, Cancelled, {ActorKind::Patient}, false},
    {Waiting, Removed, {ActorKind::Support, ActorKind::Admin}, true},
    {Ready, Removed, {ActorKind::Support, ActorKind::Admin}, true},
    {Assigned, Removed, {ActorKind::Provider, ActorKind::Support, ActorKind::Admin}, true},
    {Assigned, NoShow, {ActorKind::Provider, ActorKind::System}, false},
    {Waiting, Left, {ActorKind::System}, false},
    {Ready, Left, {ActorKind::System}, false},
    {Assigned, Left, {ActorKind::System}, false},
}};

std::string name(VisitStatus status) {
    return std::string(visitStatusName(status));
}

bool isBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

} // namespace

std::span<const VisitTransition> visitTransitions() {
    return kTable;
}

const VisitTransition *findVisitTransition(VisitStatus from, VisitStatus to) {
    for (const VisitTransition &transition : kTable) {
        if (transition.from == from && transition.to == to)
            return &transition;
    }
    return nullptr;
}

std::optional<VisitTransitionError> checkVisitTransition(VisitStatus from, VisitStatus to,
                                                         ActorKind actor, std::string_view reason) {
    using Kind = VisitTransitionError::Kind;
    if (from == to)
        return VisitTransitionError{Kind::Unchanged, "the visit is already " + name(to)};
    if (isTerminal(from)) {
        return VisitTransitionError{Kind::FromTerminal, "the visit is " + name(from) +
                                                            ", which is final; it cannot become " +
                                                            name(to)};
    }
    const VisitTransition *transition = findVisitTransition(from, to);
    if (transition == nullptr) {
        std::string allowed;
        for (const VisitTransition &candidate : kTable) {
            if (candidate.from != from)
                continue;
            allowed += allowed.empty() ? "" : ", ";
            allowed += name(candidate.to);
        }
        return VisitTransitionError{Kind::NotAllowed,
                                    "a visit cannot go from " + name(from) + " to " + name(to) +
                                        " (from " + name(from) + " it can go to " + allowed + ")"};
    }
    if (!transition->actors.has(actor)) {
        return VisitTransitionError{Kind::ActorNotAllowed,
                                    "a " + std::string(actorKindName(actor)) +
                                        " cannot move a visit from " + name(from) + " to " +
                                        name(to) + " (only " + transition->actors.describe() + ")"};
    }
    if (transition->reasonRequired && isBlank(reason)) {
        return VisitTransitionError{Kind::ReasonRequired, "moving a visit from " + name(from) +
                                                              " to " + name(to) +
                                                              " needs a reason"};
    }
    return std::nullopt;
}

std::vector<VisitStatus> allowedNextStatuses(VisitStatus from, ActorKind actor) {
    std::vector<VisitStatus> next;
    for (const VisitTransition &transition : kTable) {
        if (transition.from == from && transition.actors.has(actor))
            next.push_back(transition.to);
    }
    return next;
}

} // namespace caredesk::domain
