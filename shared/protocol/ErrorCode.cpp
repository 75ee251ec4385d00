#include "protocol/ErrorCode.h"

#include <array>
#include <cstddef>

namespace caredesk::protocol {

namespace {

constexpr std::array kErrorCodeNames{
#define CAREDESK_X(enumerator, name) std::string_view(name),
    CAREDESK_ERROR_CODES(CAREDESK_X)
#undef CAREDESK_X
};

} // namespace

std::string_view errorCodeName(ErrorCode code) {
    const auto index = static_cast<std::size_t>(code);
    return index < kErrorCodeNames.size() ? kErrorCodeNames[index] : std::string_view{};
}

std::optional<ErrorCode> errorCodeFromName(std::string_view name) {
    for (std::size_t i = 0; i < kErrorCodeNames.size(); ++i) {
        if (kErrorCodeNames[i] == name)
            return static_cast<ErrorCode>(i);
    }
    return std::nullopt;
}

} // namespace caredesk::protocol
