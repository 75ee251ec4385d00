#include "domain/ActorKind.h"

#include <array>
#include <utility>

namespace caredesk::domain {

namespace {

constexpr std::array<std::pair<ActorKind, std::string_view>, 5> kNames{{
    {ActorKind::Patient, "patient"},
    {ActorKind::Support, "support"},
    {ActorKind::Provider, "provider"},
    {ActorKind::Admin, "admin"},
    {ActorKind::System, "system"},
}};

} // namespace

std::string_view actorKindName(ActorKind actor) {
    for (const auto &[value, name] : kNames) {
        if (value == actor)
            return name;
    }
    return {};
}

std::optional<ActorKind> actorKindFromName(std::string_view name) {
    for (const auto &[value, text] : kNames) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

ActorKind actorKindOf(Role role) {
    switch (role) {
    case Role::Support:
        return ActorKind::Support;
    case Role::Provider:
        return ActorKind::Provider;
    case Role::Admin:
        return ActorKind::Admin;
    }
    return ActorKind::System;
}

std::string ActorKindSet::describe() const {
    std::string text;
    for (const auto &[value, name] : kNames) {
        if (!has(value))
            continue;
        if (!text.empty())
            text += ", ";
        text += name;
    }
    return text;
}

} // namespace caredesk::domain
