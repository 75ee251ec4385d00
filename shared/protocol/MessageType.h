#pragma once

#include "protocol/MessageTypes.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace caredesk::protocol {

enum class MessageType {
#define CAREDESK_X(enumerator, name) enumerator,
    CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X
};

inline constexpr std::size_t kMessageTypeCount = 0
#define CAREDESK_X(enumerator, name) +1
    CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X
    ;

// The wire name, e.g. "change_password".
std::string_view messageTypeName(MessageType type);
// nullopt for a name not in the list.
std::optional<MessageType> messageTypeFromName(std::string_view name);

} // namespace caredesk::protocol
