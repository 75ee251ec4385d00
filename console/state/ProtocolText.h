#pragma once

#include <QString>
#include <string_view>

namespace caredesk::console {

// Text from the protocol (UTF-8 std::string) as a QString.
inline QString fromStd(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace caredesk::console
