#include "domain/TimeZone.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace caredesk::domain {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_seconds;

// Real TZif files are a few kilobytes; anything this large is not one.
constexpr std::size_t kMaxTzifBytes = 1 << 20;
// No zone has ever been more than 26 hours from UTC; larger offsets are corrupt data.
constexpr std::int64_t kMaxAbsoluteOffsetSeconds = 26 * 3600;

// Reads big-endian integers from a byte string; every read checks the bounds.
class ByteCursor {
public:
    explicit ByteCursor(std::string_view data)
        : m_data(data) {}

    std::size_t remaining() const { return m_data.size() - m_pos; }
    bool has(std::uint64_t count) const { return count <= remaining(); }
    std::size_t position() const { return m_pos; }

    bool skip(std::uint64_t count) {
        if (!has(count))
            return false;
        m_pos += static_cast<std::size_t>(count);
        return true;
    }
    std::optional<std::string_view> bytes(std::uint64_t count) {
        if (!has(count))
            return std::nullopt;
        const auto result = m_data.substr(m_pos, static_cast<std::size_t>(count));
        m_pos += static_cast<std::size_t>(count);
        return result;
    }
    std::optional<std::uint64_t> unsignedBigEndian(int width) {
        if (!has(static_cast<std::uint64_t>(width)))
            return std::nullopt;
        std::uint64_t value = 0;
        for (int i = 0; i < width; ++i)
            value = (value << 8) | static_cast<unsigned char>(m_data[m_pos++]);
        return value;
    }
    // Two's complement of the given width, sign-extended.
    std::optional<std::int64_t> signedBigEndian(int width) {
        const auto raw = unsignedBigEndian(width);
        if (!raw)
            return std::nullopt;
        if (width == 8)
            return static_cast<std::int64_t>(*raw);
        const std::uint64_t signBit = std::uint64_t{1} << (width * 8 - 1);
        const auto magnitude = static_cast<std::int64_t>(*raw & (signBit - 1));
        return (*raw & signBit) ? magnitude - static_cast<std::int64_t>(signBit) : magnitude;
    }

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
};

struct TzifHeader {
    char version = 0;
    std::uint64_t isutcnt = 0;
    std::uint64_t isstdcnt = 0;
    std::uint64_t leapcnt = 0;
    std::uint64_t timecnt = 0;
    std::uint64_t typecnt = 0;
    std::uint64_t charcnt = 0;

    // Counts are 32-bit, so this cannot overflow 64 bits.
    std::uint64_t dataBlockSize(int timeSize) const {
        const auto width = static_cast<std::uint64_t>(timeSize);
        return timecnt * width + timecnt + typecnt * 6 + charcnt + leapcnt * (width + 4) +
               isstdcnt + isutcnt;
    }
};

std::optional<TzifHeader> readHeader(ByteCursor &cursor, std::string &error) {
    const auto magic = cursor.bytes(4);
    if (!magic || *magic != "TZif") {
        error = "not a TZif file (bad magic)";
        return std::nullopt;
    }
    const auto version = cursor.bytes(1);
    if (!version || !cursor.skip(15)) {
        error = "truncated TZif header";
        return std::nullopt;
    }
    TzifHeader header;
    header.version = (*version)[0];
    if (header.version != '\0' && header.version < '2') {
        error = "unknown TZif version";
        return std::nullopt;
    }
    for (std::uint64_t *count : {&header.isutcnt, &header.isstdcnt, &header.leapcnt,
                                 &header.timecnt, &header.typecnt, &header.charcnt}) {
        const auto value = cursor.unsignedBigEndian(4);
        if (!value) {
            error = "truncated TZif header";
            return std::nullopt;
        }
        *count = *value;
    }
    return header;
}

} // namespace

TimeZoneLoad TimeZone::fromTzif(std::string name, std::string_view bytes) {
    std::string error;
    const auto fail = [&name](const std::string &why) {
        return TimeZoneLoad{nullptr, "time zone \"" + name + "\": " + why};
    };
    if (bytes.size() > kMaxTzifBytes)
        return fail("file too large to be a TZif file");

    ByteCursor cursor(bytes);
    auto header = readHeader(cursor, error);
    if (!header)
        return fail(error);

    int timeSize = 4;
    if (header->version != '\0') {
        // Version 2+ repeats the data with 64-bit times after the 32-bit block;
        // only the second copy is used, the first is skipped.
        if (!cursor.skip(header->dataBlockSize(4)))
            return fail("truncated version 1 data block");
        header = readHeader(cursor, error);
        if (!header)
            return fail("second header: " + error);
        timeSize = 8;
    }
    const TzifHeader &h = *header;
    if (h.typecnt == 0 || h.typecnt > 256)
        return fail("local time type count must be 1..256");
    if (h.charcnt == 0)
        return fail("no time zone abbreviations");
    if (h.leapcnt != 0)
        return fail("zones with leap seconds are not supported");
    if ((h.isstdcnt != 0 && h.isstdcnt != h.typecnt) || (h.isutcnt != 0 && h.isutcnt != h.typecnt))
        return fail("standard/UT indicator counts do not match the type count");
    // Checked before any allocation, so a huge count in a short file is refused.
    if (!cursor.has(h.dataBlockSize(timeSize)))
        return fail("truncated data block");

    auto zone = std::shared_ptr<TimeZone>(new TimeZone());
    zone->m_transitionTimes.reserve(static_cast<std::size_t>(h.timecnt));
    for (std::uint64_t i = 0; i < h.timecnt; ++i) {
        const auto time = cursor.signedBigEndian(timeSize);
        if (!time)
            return fail("truncated transition times");
        if (!zone->m_transitionTimes.empty() && *time <= zone->m_transitionTimes.back())
            return fail("transition times are not strictly ascending");
        zone->m_transitionTimes.push_back(*time);
    }
    zone->m_transitionTypeIndex.reserve(static_cast<std::size_t>(h.timecnt));
    for (std::uint64_t i = 0; i < h.timecnt; ++i) {
        const auto index = cursor.unsignedBigEndian(1);
        if (!index || *index >= h.typecnt)
            return fail("transition refers to a missing local time type");
        zone->m_transitionTypeIndex.push_back(static_cast<std::uint8_t>(*index));
    }

    struct RawType {
        std::int64_t offset;
        bool dst;
        std::uint64_t abbreviationIndex;
    };
    std::vector<RawType> rawTypes;
    for (std::uint64_t i = 0; i < h.typecnt; ++i) {
        const auto offset = cursor.signedBigEndian(4);
        const auto dst = cursor.unsignedBigEndian(1);
        const auto abbreviationIndex = cursor.unsignedBigEndian(1);
        if (!offset || !dst || !abbreviationIndex)
            return fail("truncated local time types");
        if (*offset < -kMaxAbsoluteOffsetSeconds || *offset > kMaxAbsoluteOffsetSeconds)
            return fail("UTC offset out of range");
        if (*dst > 1)
            return fail("daylight saving flag must be 0 or 1");
        if (*abbreviationIndex >= h.charcnt)
            return fail("abbreviation index out of range");
        rawTypes.push_back({*offset, *dst == 1, *abbreviationIndex});
    }
    const auto abbreviations = cursor.bytes(h.charcnt);
    if (!abbreviations)
        return fail("truncated abbreviations");
    for (const RawType &raw : rawTypes) {
        const auto text = abbreviations->substr(static_cast<std::size_t>(raw.abbreviationIndex));
        const auto end = text.find('\0');
        if (end == std::string_view::npos)
            return fail("abbreviation is not terminated");
        zone->m_types.push_back(
            LocalTimeType{seconds{raw.offset}, raw.dst, std::string(text.substr(0, end))});
    }
    // Leap records (none, checked above) and the standard/UT indicators, which
    // only matter to POSIX-rule fallbacks this reader does not use.
    if (!cursor.skip(h.isstdcnt + h.isutcnt))
        return fail("truncated indicators");

    if (timeSize == 8) {
        // The footer: "\n" TZ-string "\n". An empty string means no rule.
        if (!cursor.has(1) || *cursor.bytes(1) != "\n")
            return fail("missing footer");
        const auto rest = *cursor.bytes(cursor.remaining());
        const auto end = rest.find('\n');
        if (end == std::string_view::npos)
            return fail("unterminated footer");
        const auto rule = rest.substr(0, end);
        if (!rule.empty()) {
            zone->m_footerRule = PosixTimeZoneRule::parse(rule, error);
            if (!zone->m_footerRule)
                return fail(error);
        }
    }
    zone->m_name = std::move(name);
    return TimeZoneLoad{std::move(zone), {}};
}

TimeZoneLoad TimeZone::fromPosixRule(std::string name, std::string_view rule) {
    std::string error;
    auto parsed = PosixTimeZoneRule::parse(rule, error);
    if (!parsed)
        return TimeZoneLoad{nullptr, "time zone \"" + name + "\": " + error};
    auto zone = std::shared_ptr<TimeZone>(new TimeZone());
    zone->m_name = std::move(name);
    zone->m_types.push_back(parsed->localTimeTypeAt(sys_seconds{}));
    zone->m_footerRule = std::move(parsed);
    return TimeZoneLoad{std::move(zone), {}};
}

std::shared_ptr<const TimeZone> TimeZone::utc() {
    static const std::shared_ptr<const TimeZone> zone = fromPosixRule("UTC", "UTC0").zone;
    return zone;
}

const LocalTimeType &TimeZone::localTimeTypeAt(sys_seconds instant) const {
    const std::int64_t time = instant.time_since_epoch().count();
    if (m_transitionTimes.empty() || time >= m_transitionTimes.back()) {
        if (m_footerRule)
            return m_footerRule->localTimeTypeAt(instant);
    }
    // Before the first transition the zone is in its first local time type.
    if (m_transitionTimes.empty() || time < m_transitionTimes.front())
        return m_types.front();
    const auto after = std::upper_bound(m_transitionTimes.begin(), m_transitionTimes.end(), time);
    const auto index = static_cast<std::size_t>(after - m_transitionTimes.begin()) - 1;
    return m_types[m_transitionTypeIndex[index]];
}

std::chrono::local_seconds TimeZone::toLocal(sys_seconds instant) const {
    return std::chrono::local_seconds{instant.time_since_epoch() + offsetAt(instant)};
}

LocalTimeResolution TimeZone::resolve(std::chrono::local_seconds local) const {
    // The wall clock reading taken as if it were UTC; the true instant is within
    // a day of it. The offsets a day either side are the candidates (zones
    // change at most once within such a window in practice).
    const sys_seconds asUtc{local.time_since_epoch()};
    const seconds offsetBefore = offsetAt(asUtc - days{1});
    const seconds candidateOffsets[] = {offsetBefore, offsetAt(asUtc), offsetAt(asUtc + days{1})};

    std::array<sys_seconds, 3> matches{};
    std::size_t matchCount = 0;
    for (const seconds offset : candidateOffsets) {
        const sys_seconds instant = asUtc - offset;
        const auto end = matches.begin() + static_cast<std::ptrdiff_t>(matchCount);
        if (offsetAt(instant) == offset && std::find(matches.begin(), end, instant) == end)
            matches[matchCount++] = instant;
    }
    if (matchCount == 0) {
        // A gap: reading the time with the offset from before the change lands
        // past the change, later by the length of the gap.
        const sys_seconds instant = asUtc - offsetBefore;
        return {LocalTimeResolution::Kind::Gap, instant, instant};
    }
    const auto [earliest, latest] = std::minmax_element(
        matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(matchCount));
    if (*earliest == *latest)
        return {LocalTimeResolution::Kind::Unique, *earliest, *earliest};
    return {LocalTimeResolution::Kind::Overlap, *earliest, *latest};
}

} // namespace caredesk::domain
