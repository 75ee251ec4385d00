#include "protocol/MessageType.h"

#include <array>

namespace caredesk::protocol {

namespace {

constexpr std::array<std::string_view, kMessageTypeCount> kMessageTypeNames{
#define CAREDESK_X(enumerator, name) std::string_view(name),
    CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X
};

} // namespace

std::string_view messageTypeName(MessageType type) {
    const auto index = static_cast<std::size_t>(type);
    return index < kMessageTypeNames.size() ? kMessageTypeNames[index] : std::string_view{};
}

std::optional<MessageType> messageTypeFromName(std::string_view name) {
    for (std::size_t i = 0; i < kMessageTypeNames.size(); ++i) {
        if (kMessageTypeNames[i] == name)
            return static_cast<MessageType>(i);
    }
    return std::nullopt;
}

} // namespace caredesk::protocol
