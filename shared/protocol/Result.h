#pragma once

#include "protocol/ErrorCode.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace caredesk::protocol {

// A failed request or a failed decode. It is also the body of the "error"
// message, so a decode failure can be sent back to the peer as it is.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;                           // for humans; never contains secrets or PHI
    std::string field;                             // JSON path of the offending field, "" if none
    std::optional<std::int64_t> retryAfterSeconds; // with Throttled / Overloaded / Unavailable

    bool operator==(const Error &) const = default;
};

// The outcome of decoding: a value, or the precise reason there is none.
//
// Result<Error> is legal (the "error" message decodes to an Error value). In it
// a plain Error is the value, so its failures are built with failure().
template <class T>
class Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) requires(!std::is_same_v<T, Error>)
        : m_state(std::in_place_index<1>, std::move(error)) {}
    static Result failure(Error error) { return Result(std::in_place_index<1>, std::move(error)); }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<0>(m_state); }
    const T &value() const { return std::get<0>(m_state); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    Result(std::in_place_index_t<1> index, Error error)
        : m_state(index, std::move(error)) {}

    std::variant<T, Error> m_state;
};

} // namespace caredesk::protocol
