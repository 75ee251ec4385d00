#include "protocol/BodyReader.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

namespace caredesk::protocol {

namespace {

// 2^63: every double at or beyond this magnitude is outside std::int64_t.
constexpr double kInt64Magnitude = 9223372036854775808.0;

std::string kindOf(const nlohmann::json &value) {
    if (value.is_number_integer())
        return "an integer";
    if (value.is_number_float())
        return "a decimal number";
    if (value.is_object())
        return "an object";
    if (value.is_array())
        return "an array";
    return std::string("a ") + value.type_name();
}

std::string between(std::int64_t min, std::int64_t max) {
    return "between " + std::to_string(min) + " and " + std::to_string(max);
}

} // namespace

BodyReader::BodyReader(const nlohmann::json &object, std::string path)
    : m_object(object)
    , m_path(std::move(path)) {
    if (!m_object.is_object())
        failAt(ErrorCode::WrongType, m_path, "must be an object, not " + kindOf(m_object));
}

std::string BodyReader::pathOf(const char *field) const {
    if (field == nullptr || *field == '\0')
        return m_path;
    if (m_path.empty())
        return field;
    if (*field == '[')
        return m_path + field;
    return m_path + "." + field;
}

void BodyReader::failAt(ErrorCode code, const std::string &path, const std::string &message) {
    if (m_error)
        return;
    m_error = Error{code, path.empty() ? message : path + " " + message, path, std::nullopt};
}

void BodyReader::fail(ErrorCode code, const char *field, std::string message) {
    failAt(code, pathOf(field), message);
}

const nlohmann::json *BodyReader::find(const char *field, bool required) {
    if (m_error)
        return nullptr;
    const auto it = m_object.find(field);
    if (it == m_object.end()) {
        if (required)
            failAt(ErrorCode::MissingField, pathOf(field), "is required");
        return nullptr;
    }
    if (it->is_null() && !required)
        return nullptr;
    return &*it;
}

std::optional<std::string> BodyReader::readString(const nlohmann::json &value,
                                                  const std::string &path, std::size_t minBytes,
                                                  std::size_t maxBytes) {
    if (!value.is_string()) {
        failAt(ErrorCode::WrongType, path, "must be a string, not " + kindOf(value));
        return std::nullopt;
    }
    const auto &text = value.get_ref<const std::string &>();
    if (text.size() < minBytes || text.size() > maxBytes) {
        failAt(
            ErrorCode::OutOfRange, path,
            "must be " +
                between(static_cast<std::int64_t>(minBytes), static_cast<std::int64_t>(maxBytes)) +
                " bytes long, not " + std::to_string(text.size()));
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> BodyReader::readInteger(const nlohmann::json &value,
                                                    const std::string &path, std::int64_t min,
                                                    std::int64_t max) {
    const std::string range = "must be an integer " + between(min, max);
    if (value.is_number_unsigned()) {
        // Compare as unsigned first: the value may not fit in std::int64_t.
        const auto number = value.get<std::uint64_t>();
        if (max < 0 || number > static_cast<std::uint64_t>(max) ||
            (min >= 0 && number < static_cast<std::uint64_t>(min))) {
            failAt(ErrorCode::OutOfRange, path, range);
            return std::nullopt;
        }
        return static_cast<std::int64_t>(number);
    }
    if (value.is_number_integer()) {
        const auto number = value.get<std::int64_t>();
        if (number < min || number > max) {
            failAt(ErrorCode::OutOfRange, path, range);
            return std::nullopt;
        }
        return number;
    }
    if (value.is_number_float()) {
        // The parser turns integers too long for 64 bits into doubles; such a
        // number is an integer out of range rather than a fraction.
        const double number = value.get<double>();
        if (!std::isfinite(number) || std::fabs(number) >= kInt64Magnitude)
            failAt(ErrorCode::OutOfRange, path, range);
        else
            failAt(ErrorCode::WrongType, path, "must be an integer, not a decimal number");
        return std::nullopt;
    }
    failAt(ErrorCode::WrongType, path, "must be an integer, not " + kindOf(value));
    return std::nullopt;
}

bool BodyReader::checkArray(const nlohmann::json &value, const std::string &path,
                            std::size_t maxItems) {
    if (!value.is_array()) {
        failAt(ErrorCode::WrongType, path, "must be an array, not " + kindOf(value));
        return false;
    }
    if (value.size() > maxItems) {
        failAt(ErrorCode::OutOfRange, path,
               "must have at most " + std::to_string(maxItems) + " items, not " +
                   std::to_string(value.size()));
        return false;
    }
    return true;
}

std::string BodyReader::string(const char *field, std::size_t minBytes, std::size_t maxBytes) {
    const auto *value = find(field, true);
    if (!value)
        return {};
    return readString(*value, pathOf(field), minBytes, maxBytes).value_or(std::string{});
}

std::optional<std::string> BodyReader::optionalString(const char *field, std::size_t minBytes,
                                                      std::size_t maxBytes) {
    const auto *value = find(field, false);
    if (!value)
        return std::nullopt;
    return readString(*value, pathOf(field), minBytes, maxBytes);
}

std::int64_t BodyReader::integer(const char *field, std::int64_t min, std::int64_t max) {
    const auto *value = find(field, true);
    if (!value)
        return 0;
    return readInteger(*value, pathOf(field), min, max).value_or(0);
}

std::optional<std::int64_t> BodyReader::optionalInteger(const char *field, std::int64_t min,
                                                        std::int64_t max) {
    const auto *value = find(field, false);
    if (!value)
        return std::nullopt;
    return readInteger(*value, pathOf(field), min, max);
}

bool BodyReader::boolean(const char *field) {
    const auto *value = find(field, true);
    if (!value)
        return false;
    if (!value->is_boolean()) {
        failAt(ErrorCode::WrongType, pathOf(field), "must be true or false, not " + kindOf(*value));
        return false;
    }
    return value->get<bool>();
}

std::vector<std::string> BodyReader::stringArray(const char *field, std::size_t maxItems,
                                                 std::size_t minBytes, std::size_t maxBytes) {
    const auto *value = find(field, true);
    const std::string path = pathOf(field);
    if (!value || !checkArray(*value, path, maxItems))
        return {};
    std::vector<std::string> items;
    items.reserve(value->size());
    for (std::size_t i = 0; i < value->size(); ++i) {
        auto item =
            readString((*value)[i], path + "[" + std::to_string(i) + "]", minBytes, maxBytes);
        if (!item)
            return {};
        items.push_back(std::move(*item));
    }
    return items;
}

std::vector<std::int64_t> BodyReader::integerArray(const char *field, std::size_t maxItems,
                                                   std::int64_t min, std::int64_t max) {
    const auto *value = find(field, true);
    const std::string path = pathOf(field);
    if (!value || !checkArray(*value, path, maxItems))
        return {};
    std::vector<std::int64_t> items;
    items.reserve(value->size());
    for (std::size_t i = 0; i < value->size(); ++i) {
        const auto item = readInteger((*value)[i], path + "[" + std::to_string(i) + "]", min, max);
        if (!item)
            return {};
        items.push_back(*item);
    }
    return items;
}

void BodyReader::objectArray(const char *field, std::size_t maxItems,
                             const std::function<void(BodyReader &)> &readItem) {
    const auto *value = find(field, true);
    const std::string path = pathOf(field);
    if (!value || !checkArray(*value, path, maxItems))
        return;
    for (std::size_t i = 0; i < value->size(); ++i) {
        BodyReader item((*value)[i], path + "[" + std::to_string(i) + "]");
        if (!item.failed())
            readItem(item);
        if (item.failed()) {
            m_error = item.error();
            return;
        }
    }
}

void BodyReader::object(const char *field, const std::function<void(BodyReader &)> &readObject) {
    const auto *value = find(field, true);
    if (!value)
        return;
    BodyReader inner(*value, pathOf(field));
    if (!inner.failed())
        readObject(inner);
    if (inner.failed())
        m_error = inner.error();
}

} // namespace caredesk::protocol
