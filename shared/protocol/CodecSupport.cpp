#include "protocol/CodecSupport.h"

#include <algorithm>

namespace caredesk::protocol::codec {

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

} // namespace caredesk::protocol::codec
