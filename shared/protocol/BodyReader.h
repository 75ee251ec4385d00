#pragma once

#include "protocol/Result.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace caredesk::protocol {

// Reads fields out of a JSON object with validation. The first failure is kept
// (with the field's path, e.g. "caregivers[2].roles[0]") and every later read
// returns a default value, so decoders read straight through and check
// failed() once at the end. It never throws and never reads out of bounds.
//
// Strings are UTF-8 validated by the JSON parser; lengths here are in bytes.
// Integers must be JSON integers: 2.5, 2.0, 1e3 and true are wrong_type; a
// number beyond the 64-bit range is out_of_range. An optional field that is
// null counts as absent; a required one that is null is wrong_type.
// Unknown fields are ignored (newer peers may send more).
class BodyReader {
public:
    explicit BodyReader(const nlohmann::json &object, std::string path = {});

    std::string string(const char *field, std::size_t minBytes, std::size_t maxBytes);
    std::optional<std::string> optionalString(const char *field, std::size_t minBytes,
                                              std::size_t maxBytes);
    std::int64_t integer(const char *field, std::int64_t min, std::int64_t max);
    std::optional<std::int64_t> optionalInteger(const char *field, std::int64_t min,
                                                std::int64_t max);
    bool boolean(const char *field);
    std::vector<std::string> stringArray(const char *field, std::size_t maxItems,
                                         std::size_t minBytes, std::size_t maxBytes);
    std::vector<std::int64_t> integerArray(const char *field, std::size_t maxItems,
                                           std::int64_t min, std::int64_t max);
    // Calls readItem once per element, each with a reader over that element (which
    // must be an object). Stops at the first failure.
    void objectArray(const char *field, std::size_t maxItems,
                     const std::function<void(BodyReader &)> &readItem);
    // A nested object; readObject runs with a reader over it.
    void object(const char *field, const std::function<void(BodyReader &)> &readObject);

    // Record a rule violation found by the decoder itself (e.g. an enum name
    // that is not one of ours). field is relative to this reader ("roles[1]"),
    // or "" for the object itself; message is a predicate that reads well after
    // the path, e.g. "is not a role". Only the first failure is kept.
    void fail(ErrorCode code, const char *field, std::string message);

    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }

    // The JSON path of this reader's object, e.g. "body.user".
    const std::string &path() const { return m_path; }

private:
    // nullptr when the reader has failed, or the field is absent (or null and
    // not required); an absent required field records missing_field.
    const nlohmann::json *find(const char *field, bool required);
    std::string pathOf(const char *field) const;
    void failAt(ErrorCode code, const std::string &path, const std::string &message);
    std::optional<std::string> readString(const nlohmann::json &value, const std::string &path,
                                          std::size_t minBytes, std::size_t maxBytes);
    std::optional<std::int64_t> readInteger(const nlohmann::json &value, const std::string &path,
                                            std::int64_t min, std::int64_t max);
    // Checks that value is an array of at most maxItems items.
    bool checkArray(const nlohmann::json &value, const std::string &path, std::size_t maxItems);

    const nlohmann::json &m_object;
    std::string m_path;
    std::optional<Error> m_error;
};

} // namespace caredesk::protocol
